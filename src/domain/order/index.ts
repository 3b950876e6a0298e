import type { Decider } from '../shared/index.js';
import type { OrderCommand } from './commands.js';
import { decide } from './decide.js';
import type { OrderEvent } from './events.js';
import { evolve, initialState, type OrderState } from './state.js';

export * from './commands.js';
export * from './errors.js';
export * from './events.js';
export * from './pricing.js';
export * from './transitions.js';
export { checkReturnLines, RETURN_WINDOW_DAYS, returnValue } from './returns.js';
export { decide, evolve, initialState };
export type { OpenReturn, Order, OrderState, StatusChange } from './state.js';
export {
  countryCodeSchema,
  orderLineSchema,
  rejectionReasonSchema,
  returnLineSchema,
  shippingAddressSchema,
  shippingOptionSchema,
  type OrderLine,
  type RejectionReason,
  type ReturnLine,
  type ShippingAddress,
  type ShippingOption,
} from './values.js';

export const orderDecider: Decider<OrderState, OrderCommand, OrderEvent> = { initialState, evolve, decide };
