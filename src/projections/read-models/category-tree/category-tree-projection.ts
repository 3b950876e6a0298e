import { sql } from 'kysely';
import { categoryStreamCategory, type CategoryEvent } from '../../../domain/category/index.js';
import { productStreamCategory, type ProductEvent } from '../../../domain/product/index.js';
import type { SqlProjection } from '../../runner/sql-projection.js';
import { applyCategoryEvent, type CategoryNode } from '../shared/category-nodes.js';
import { domainEvent, eventTypes } from '../shared/domain-event.js';
import { foldDocuments, keysToLoad } from '../shared/document-fold.js';
import { loadAllDocs, loadDocs, UPDATED_OFTEN, upsertRows, type RowTable } from '../shared/sql-rows.js';

const CATEGORIES = 'category_tree';
const PRODUCTS = 'category_tree_products';
const COUNTS = 'category_tree_counts';

/** Where a product counts: its category, and whether it is published. */
interface Membership {
  readonly productId: string;
  readonly categoryId: string;
  readonly published: boolean;
}

const categories: RowTable<CategoryNode> = {
  key: ['category_id'],
  columns: [
    { name: 'category_id', type: 'text', value: (c) => c.categoryId },
    { name: 'doc', type: 'jsonb', value: (c) => c },
    { name: 'parent_id', type: 'text', value: (c) => c.parentId },
  ],
};

const products: RowTable<Membership> = {
  key: ['product_id'],
  columns: [
    { name: 'product_id', type: 'text', value: (p) => p.productId },
    { name: 'doc', type: 'jsonb', value: (p) => p },
  ],
};

const counts: RowTable<{ categoryId: string; delta: number }> = {
  key: ['category_id'],
  columns: [
    { name: 'category_id', type: 'text', value: (c) => c.categoryId },
    { name: 'published_products', type: 'integer', value: (c) => c.delta, merge: 'add' },
  ],
};

type TreeEvent = CategoryEvent | ProductEvent;

function evolveMembership(member: Membership | undefined, event: ProductEvent): Membership | undefined {
  const { productId } = event.data;
  if (event.type === 'ProductCreated') return { productId, categoryId: event.data.categoryId, published: false };
  if (member === undefined) return undefined;
  switch (event.type) {
    case 'ProductDetailsUpdated':
      return event.data.categoryId === undefined ? member : { ...member, categoryId: event.data.categoryId };
    case 'ProductPublished':
      return { ...member, published: true };
    case 'ProductUnpublished':
    case 'ProductDiscontinued':
      return { ...member, published: false };
    default:
      return member;
  }
}

/**
 * The category tree with each category's count of published products. Only direct counts are
 * stored: moving a category would otherwise rewrite every ancestor's total, while summing a
 * small tree when it is read is cheap (see `getCategoryTree`).
 */
export const categoryTreeProjection: SqlProjection = {
  name: 'category-tree',
  version: 1,
  filter: {
    categories: [categoryStreamCategory, productStreamCategory],
    eventTypes: [
      ...eventTypes<CategoryEvent>('CategoryCreated', 'CategoryRenamed', 'CategoryMoved'),
      ...eventTypes<ProductEvent>('ProductCreated', 'ProductDetailsUpdated', 'ProductPublished', 'ProductUnpublished', 'ProductDiscontinued'),
    ],
  },
  tables: [CATEGORIES, PRODUCTS, COUNTS],
  async createTables(db, t) {
    await sql`CREATE TABLE ${sql.id(t(CATEGORIES))} (category_id text PRIMARY KEY, doc jsonb NOT NULL, parent_id text)`.execute(db);
    await sql`CREATE TABLE ${sql.id(t(PRODUCTS))} (product_id text PRIMARY KEY, doc jsonb NOT NULL) ${UPDATED_OFTEN}`.execute(db);
    await sql`CREATE TABLE ${sql.id(t(COUNTS))} (category_id text PRIMARY KEY, published_products integer NOT NULL) ${UPDATED_OFTEN}`.execute(db);
  },
  async apply(trx, recorded, t) {
    const events = recorded.map((e) => domainEvent<TreeEvent>(e));
    const categoryEvents = events.filter((e): e is CategoryEvent => e.type.startsWith('Category'));
    const productEvents = events.filter((e): e is ProductEvent => !e.type.startsWith('Category'));

    if (categoryEvents.length > 0) {
      const nodes = await loadAllDocs<CategoryNode>(trx, t(CATEGORIES), 'category_id');
      const changed = new Set(categoryEvents.map((e) => applyCategoryEvent(nodes, e)).filter((id) => id !== undefined));
      await upsertRows(trx, t(CATEGORIES), categories, [...changed].map((id) => nodes.get(id)!));
    }

    if (productEvents.length > 0) {
      const keyOf = (e: ProductEvent) => e.data.productId;
      const members = await loadDocs<Membership>(trx, t(PRODUCTS), 'product_id', keysToLoad(productEvents, keyOf, (e) => e.type === 'ProductCreated'));
      // Per event, not per page: which count rows a page touches must not depend on where pages were cut.
      const deltas = new Map<string, number>();
      const count = (member: Membership | undefined, sign: number) => {
        if (member?.published) deltas.set(member.categoryId, (deltas.get(member.categoryId) ?? 0) + sign);
      };
      const changed = foldDocuments(productEvents, members, keyOf, (before, event) => {
        const after = evolveMembership(before, event);
        if (after !== before) {
          count(before, -1);
          count(after, +1);
        }
        return after;
      });
      await upsertRows(trx, t(PRODUCTS), products, changed.values());
      await upsertRows(trx, t(COUNTS), counts, [...deltas].map(([categoryId, delta]) => ({ categoryId, delta })));
    }
  },
};
