import type { Decider } from '../shared/index.js';
import type { CouponCommand } from './commands.js';
import { decide } from './decide.js';
import type { CouponEvent } from './events.js';
import { evolve, initialState } from './state.js';
import type { CouponState } from './state.js';

export * from './commands.js';
export { decide as decideCoupon } from './decide.js';
export * from './discount.js';
export * from './errors.js';
export * from './events.js';
export type { PersistentMap } from '../shared/index.js';
export { activeUsesOf, evolve as evolveCoupon, initialState as initialCouponState } from './state.js';
export type { CouponState, DefinedCoupon, Redemption } from './state.js';
export { validityAt } from './validity.js';
export type { ValidityVerdict } from './validity.js';

export const couponDecider: Decider<CouponState, CouponCommand, CouponEvent> = {
  initialState,
  evolve,
  decide,
};
