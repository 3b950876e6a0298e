import type { CategoryEvent } from '../../../domain/category/index.js';

/** A category as read models keep it; the whole tree is one stream and small, so folds hold all of it. */
export interface CategoryNode {
  readonly categoryId: string;
  readonly parentId: string | null;
  readonly name: string;
  readonly slug: string;
}

export interface CategoryRef {
  readonly categoryId: string;
  readonly name: string;
  readonly slug: string;
}

/** Applies one event to the tree in place; returns the id of the category it changed. */
export function applyCategoryEvent(nodes: Map<string, CategoryNode>, event: CategoryEvent): string | undefined {
  const { categoryId } = event.data;
  if (event.type === 'CategoryCreated') {
    const { parentId, name, slug } = event.data;
    nodes.set(categoryId, { categoryId, parentId, name, slug });
    return categoryId;
  }
  const node = nodes.get(categoryId);
  if (node === undefined) return undefined;
  nodes.set(categoryId, event.type === 'CategoryRenamed' ? { ...node, name: event.data.name } : { ...node, parentId: event.data.parentId });
  return categoryId;
}

/** From the root down to `categoryId` itself; bounded so that a malformed tree cannot loop. */
export function pathTo(nodes: ReadonlyMap<string, CategoryNode>, categoryId: string): CategoryRef[] {
  const path: CategoryRef[] = [];
  for (let node = nodes.get(categoryId); node !== undefined && path.length <= nodes.size; ) {
    path.unshift({ categoryId: node.categoryId, name: node.name, slug: node.slug });
    node = node.parentId === null ? undefined : nodes.get(node.parentId);
  }
  return path;
}
