import { assertNever } from '../shared/index.js';
import type { CategoryCreated, CategoryEvent } from './events.js';

export type Category = Readonly<CategoryCreated['data']>;

export interface CategoryState {
  readonly categories: ReadonlyMap<string, Category>;
}

export const initialState = (): CategoryState => ({ categories: new Map() });

function withCategory(state: CategoryState, category: Category): CategoryState {
  return { categories: new Map(state.categories).set(category.categoryId, category) };
}

export function evolve(state: CategoryState, event: CategoryEvent): CategoryState {
  if (event.type === 'CategoryCreated') return withCategory(state, event.data);
  const category = state.categories.get(event.data.categoryId);
  if (category === undefined) return state;
  switch (event.type) {
    case 'CategoryRenamed':
      return withCategory(state, { ...category, name: event.data.name });
    case 'CategoryMoved':
      return withCategory(state, { ...category, parentId: event.data.parentId });
    default:
      return assertNever(event);
  }
}
