import type { Decider } from '../shared/index.js';
import type { CategoryCommand } from './commands.js';
import { decide } from './decide.js';
import type { CategoryEvent } from './events.js';
import { evolve, initialState } from './state.js';
import type { CategoryState } from './state.js';

export * from './events.js';
export * from './commands.js';
export * from './errors.js';
export * from './state.js';
export { categoryPath, childrenOf, descendantsOf } from './tree.js';
export { nameKey, slugify } from './names.js';
export { decide } from './decide.js';
export type { CategoryDecision } from './decide.js';

export const categoryDecider: Decider<CategoryState, CategoryCommand, CategoryEvent> = { initialState, evolve, decide };
