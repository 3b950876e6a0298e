import type { Decider } from '../shared/index.js';
import type { CustomerCommand } from './commands.js';
import { decide } from './decide.js';
import type { CustomerEvent } from './events.js';
import { evolve, initialState } from './state.js';
import type { CustomerState } from './state.js';

export { actorSchema, isAdmin, roleSchema, type Actor, type Role } from '../shared/index.js';
export * from './address.js';
export * from './commands.js';
export { decide as decideCustomer, defaultCustomerRoles } from './decide.js';
export * from './email.js';
export * from './email-claim.js';
export * from './erasure.js';
export * from './errors.js';
export * from './events.js';
export * from './pii.js';
export { evolve as evolveCustomer, initialState as initialCustomerState } from './state.js';
export type { CustomerState, ErasedCustomer, RegisteredCustomer } from './state.js';

export const customerDecider: Decider<CustomerState, CustomerCommand, CustomerEvent> = {
  initialState,
  evolve,
  decide,
};
