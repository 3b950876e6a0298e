import type { Decider } from '../shared/index.js';
import type { ReviewCommand } from './commands.js';
import { decide } from './decide.js';
import type { ReviewEvent } from './events.js';
import { evolve, initialState } from './state.js';
import type { ReviewState } from './state.js';

export { actorSchema as reviewActorSchema, isAdmin as isReviewAdmin, roleSchema as reviewRoleSchema } from '../shared/index.js';
export type { Actor as ReviewActor, Role as ReviewRole } from '../shared/index.js';
export * from './commands.js';
export { decide as decideReview } from './decide.js';
export * from './errors.js';
export * from './events.js';
export { evolve as evolveReview, initialState as initialReviewState } from './state.js';
export type { Review, ReviewState } from './state.js';

export const reviewDecider: Decider<ReviewState, ReviewCommand, ReviewEvent> = {
  initialState,
  evolve,
  decide,
};
