import type { Decider } from '../shared/index.js';
import type { ProductCommand } from './commands.js';
import { decide } from './decide.js';
import type { ProductEvent } from './events.js';
import { evolve, initialState } from './state.js';
import type { ProductState } from './state.js';

export * from './events.js';
export * from './commands.js';
// Now defined in shared, re-exported under the names this index always had (its `idSchema` is shared `catalogIdSchema`).
export { actorSchema, roleSchema, skuSchema, type Actor, type Role } from '../shared/index.js';
export * from './errors.js';
export * from './state.js';
export { decide } from './decide.js';
export type { ProductDecision } from './decide.js';

export const productDecider: Decider<ProductState, ProductCommand, ProductEvent> = { initialState, evolve, decide };
