import { sql, type Kysely } from 'kysely';
import type { CategoryNode } from '../shared/category-nodes.js';

export interface CategoryTreeNode {
  readonly categoryId: string;
  readonly parentId: string | null;
  readonly name: string;
  readonly slug: string;
  /** Published products in this category and all below it. */
  readonly productCount: number;
  /** Published products filed directly under this category. */
  readonly directProductCount: number;
  /** Sorted by name, then id. */
  readonly children: readonly CategoryTreeNode[];
}

const byName = (a: CategoryNode, b: CategoryNode) => a.name.localeCompare(b.name, 'en') || (a.categoryId < b.categoryId ? -1 : 1);

/** The whole tree, roots first. Totals are summed here, from direct counts, over a small tree. */
export async function getCategoryTree(db: Kysely<unknown>): Promise<CategoryTreeNode[]> {
  const result = await sql<{ doc: CategoryNode; published_products: number | null }>`
    SELECT c.doc, n.published_products FROM category_tree c
    LEFT JOIN category_tree_counts n ON n.category_id = c.category_id`.execute(db);
  const direct = new Map(result.rows.map((row) => [row.doc.categoryId, row.published_products ?? 0]));
  const children = new Map<string | null, CategoryNode[]>();
  for (const { doc } of result.rows) {
    const parent = doc.parentId !== null && direct.has(doc.parentId) ? doc.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), doc]);
  }
  const build = (node: CategoryNode, depth: number): CategoryTreeNode => {
    // The depth bound only guards against a malformed tree; decide never writes a cycle.
    const below = depth > direct.size ? [] : (children.get(node.categoryId) ?? []).sort(byName).map((child) => build(child, depth + 1));
    const directProductCount = direct.get(node.categoryId) ?? 0;
    const productCount = below.reduce((sum, child) => sum + child.productCount, directProductCount);
    return { categoryId: node.categoryId, parentId: node.parentId, name: node.name, slug: node.slug, productCount, directProductCount, children: below };
  };
  return (children.get(null) ?? []).sort(byName).map((root) => build(root, 0));
}

/** A category and everything below it: for filters such as "best sellers in Electronics". */
export async function categoryAndDescendants(db: Kysely<unknown>, categoryId: string): Promise<string[]> {
  const result = await sql<{ category_id: string }>`
    WITH RECURSIVE below(category_id, depth) AS (
      SELECT ${categoryId}::text, 0
      UNION
      SELECT c.category_id, below.depth + 1 FROM category_tree c JOIN below ON c.parent_id = below.category_id
      WHERE below.depth < 100
    )
    SELECT DISTINCT category_id FROM below ORDER BY category_id`.execute(db);
  return result.rows.map((row) => row.category_id);
}
