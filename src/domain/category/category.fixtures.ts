// Builders shared by this folder's tests.
import { fold, isDomainError } from '../shared/index.js';
import type { DomainError } from '../shared/index.js';
import type { CategoryDecision } from './decide.js';
import type { CategoryEvent } from './events.js';
import { slugify } from './names.js';
import { evolve, initialState } from './state.js';
import type { CategoryState } from './state.js';

export const created = (categoryId: string, name: string, parentId: string | null = null): CategoryEvent => ({
  type: 'CategoryCreated',
  data: { categoryId, name, slug: slugify(`${name}-${categoryId}`), parentId },
});

export const moved = (categoryId: string, parentId: string | null, previousParentId: string | null): CategoryEvent => ({
  type: 'CategoryMoved',
  data: { categoryId, parentId, previousParentId },
});

export const given = (...events: CategoryEvent[]): CategoryState => fold(evolve, initialState(), events);

/** clothing ─┬─ shoes ── running
 *            └─ shirts
 *  garden */
export const catalog = (): CategoryState =>
  given(
    created('clothing', 'Clothing'),
    created('shoes', 'Shoes', 'clothing'),
    created('running', 'Running', 'shoes'),
    created('shirts', 'Shirts', 'clothing'),
    created('garden', 'Garden'),
  );

export function expectError(decision: CategoryDecision, code: string): DomainError {
  if (!isDomainError(decision)) throw new Error(`expected ${code}, got events ${JSON.stringify(decision)}`);
  if (decision.code !== code) throw new Error(`expected ${code}, got ${decision.code}: ${decision.message}`);
  return decision;
}
