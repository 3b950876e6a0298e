import type { Decider } from '../shared/index.js';
import type { InventoryCommand } from './commands.js';
import { decide } from './decide.js';
import type { InventoryEvent } from './events.js';
import { evolve, initialState } from './state.js';
import type { InventoryState } from './state.js';

export * from './events.js';
export * from './commands.js';
export * from './errors.js';
export * from './state.js';
export { decide } from './decide.js';
export type { InventoryDecision } from './decide.js';
export { decideMany } from './decide-many.js';
export type { BatchDecision } from './decide-many.js';
export type { PersistentMap } from '../shared/index.js';
// Now defined in shared, re-exported under the names this index always had (its `idSchema` is shared `catalogIdSchema`).
export { instantSchema as isoInstantSchema, quantitySchema, skuSchema } from '../shared/index.js';

export const inventoryDecider: Decider<InventoryState, InventoryCommand, InventoryEvent> = { initialState, evolve, decide };
