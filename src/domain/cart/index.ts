import type { Decider } from '../shared/index.js';
import type { CartCommand } from './commands.js';
import { decide } from './decide.js';
import type { CartEvent } from './events.js';
import { cartExpiresAt, cartIdleDays, evolve, initialState, type CartState } from './state.js';

export * from './commands.js';
export * from './errors.js';
export * from './events.js';
export { cartExpiresAt, cartIdleDays, decide, evolve, initialState };
export type { Cart, CartState, CartStatus } from './state.js';
export { lineValue, linesTotal } from './lines.js';
export { cartLineSchema, cartOwnerSchema, type CartLine, type CartOwner } from './values.js';

export const cartDecider: Decider<CartState, CartCommand, CartEvent> = { initialState, evolve, decide };
