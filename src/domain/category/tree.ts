import type { Category, CategoryState } from './state.js';

/** Ids from the root down to `id` itself; empty when `id` is unknown. */
export function categoryPath(state: CategoryState, id: string): string[] {
  const path: string[] = [];
  // The bound only matters for a state that did not come from decide, which never writes a cycle.
  for (let current = state.categories.get(id); current !== undefined && path.length <= state.categories.size;) {
    path.unshift(current.categoryId);
    current = current.parentId === null ? undefined : state.categories.get(current.parentId);
  }
  return path;
}

/** Every category below `id`, breadth first (children before grandchildren); `id` itself excluded. */
export function descendantsOf(state: CategoryState, id: string): string[] {
  const children = childrenIndex(state);
  const found: string[] = [];
  const seen = new Set([id]);
  for (let queue = [id]; queue.length > 0;) {
    const next: string[] = [];
    for (const parent of queue) {
      for (const child of children.get(parent) ?? []) {
        if (seen.has(child)) continue;
        seen.add(child);
        found.push(child);
        next.push(child);
      }
    }
    queue = next;
  }
  return found;
}

export function childrenOf(state: CategoryState, parentId: string | null): Category[] {
  return [...state.categories.values()].filter((category) => category.parentId === parentId);
}

function childrenIndex(state: CategoryState): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const category of state.categories.values()) {
    if (category.parentId === null) continue;
    const siblings = index.get(category.parentId) ?? [];
    siblings.push(category.categoryId);
    index.set(category.parentId, siblings);
  }
  return index;
}

/** True when `ancestorId` is `id` or lies on the path from the root to `id`. */
export function isSelfOrAncestor(state: CategoryState, ancestorId: string, id: string): boolean {
  return categoryPath(state, id).includes(ancestorId);
}
