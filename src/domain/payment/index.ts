import type { Decider } from '../shared/index.js';
import type { PaymentCommand } from './commands.js';
import { decide } from './decide.js';
import type { PaymentEvent } from './events.js';
import { appliedCommand, evolve, initialState, type PaymentState } from './state.js';

export * from './commands.js';
export * from './errors.js';
export * from './events.js';
export { appliedCommand, decide, evolve, initialState };
export type { AppliedCommand, Payment, PaymentState, PaymentStatus } from './state.js';
export { idempotencyKeySchema } from './values.js';
export { cardLast4Schema, containsCardNumber, paymentTokenSchema } from '../shared/index.js';

export const paymentDecider: Decider<PaymentState, PaymentCommand, PaymentEvent> = { initialState, evolve, decide };
