import type { Decider } from '../shared/index.js';
import type { WishlistCommand } from './commands.js';
import { decide } from './decide.js';
import type { WishlistEvent } from './events.js';
import { evolve, initialState } from './state.js';
import type { WishlistState } from './state.js';

export * from './commands.js';
export { decide as decideWishlist } from './decide.js';
export * from './errors.js';
export * from './events.js';
export { evolve as evolveWishlist, initialState as initialWishlistState } from './state.js';
export type { WishlistState } from './state.js';

export const wishlistDecider: Decider<WishlistState, WishlistCommand, WishlistEvent> = {
  initialState,
  evolve,
  decide,
};
