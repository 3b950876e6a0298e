import { sql } from 'kysely';
import type { ProjectionDb, ProjectionTrx, TableNamer } from '../../runner/sql-projection.js';
import type { CategoryNode, CategoryRef } from '../shared/category-nodes.js';
import { UPDATED_OFTEN, type RowTable } from '../shared/sql-rows.js';
import { fromPrice, type ProductChange } from './product-doc.js';

export const PRODUCTS = 'catalog_products';
/** Per SKU: its product and available stock (inventory events may come before the product). */
export const SKUS = 'catalog_skus';
/** The category tree with each category's path, for product pages and "in this category or below" filters. */
export const CATEGORIES = 'catalog_categories';
/** Per review: product, rating and whether approved, from which product ratings are recomputed. */
export const REVIEWS = 'catalog_reviews';

export interface CategoryDoc extends CategoryNode {
  readonly path: readonly CategoryRef[];
}

export interface SkuChange {
  readonly sku: string;
  readonly productId: string | null;
  readonly availableDelta: number;
}

export interface ReviewChange {
  readonly reviewId: string;
  readonly productId: string | null;
  readonly rating: number | null;
  readonly approved: boolean;
}

/**
 * Only the columns the events decide, and of those only what the page changed (NULL keeps the
 * stored value); `in_stock` and the rating are recomputed after each page.
 */
export const productRows: RowTable<ProductChange> = {
  key: ['product_id'],
  columns: [
    { name: 'product_id', type: 'text', value: (p) => p.productId },
    { name: 'details', type: 'jsonb', value: (p) => (Object.keys(p.details).length > 0 ? p.details : null), merge: 'concat' },
    { name: 'variants', type: 'jsonb', value: (p) => p.variants, merge: 'coalesce' },
    { name: 'status', type: 'text', value: (p) => p.status, merge: 'coalesce' },
    { name: 'seller_id', type: 'text', value: (p) => p.details.sellerId, merge: 'coalesce' },
    { name: 'category_id', type: 'text', value: (p) => p.details.categoryId, merge: 'coalesce' },
    { name: 'brand', type: 'text', value: (p) => p.details.brand, merge: 'coalesce' },
    { name: 'min_price', type: 'bigint', value: (p) => p.variants && fromPrice(p.variants), merge: 'coalesce' },
    { name: 'currency', type: 'text', value: (p) => p.details.currency, merge: 'coalesce' },
    { name: 'created_at', type: 'timestamptz', value: (p) => p.details.createdAt, merge: 'coalesce' },
  ],
};

export const skuRows: RowTable<SkuChange> = {
  key: ['sku'],
  columns: [
    { name: 'sku', type: 'text', value: (s) => s.sku },
    { name: 'product_id', type: 'text', value: (s) => s.productId, merge: 'coalesce' },
    { name: 'available', type: 'bigint', value: (s) => s.availableDelta, merge: 'add' },
  ],
};

export const categoryRows: RowTable<CategoryDoc> = {
  key: ['category_id'],
  columns: [
    { name: 'category_id', type: 'text', value: (c) => c.categoryId },
    { name: 'doc', type: 'jsonb', value: (c) => c },
    { name: 'path_ids', type: 'jsonb', value: (c) => c.path.map((ref) => ref.categoryId) },
  ],
};

/** Edits and moderation events do not name the product: `coalesce` keeps what ReviewSubmitted wrote. */
export const reviewRows: RowTable<ReviewChange> = {
  key: ['review_id'],
  columns: [
    { name: 'review_id', type: 'text', value: (r) => r.reviewId },
    { name: 'product_id', type: 'text', value: (r) => r.productId, merge: 'coalesce' },
    { name: 'rating', type: 'integer', value: (r) => r.rating, merge: 'coalesce' },
    { name: 'approved', type: 'boolean', value: (r) => r.approved },
  ],
};

export async function createCatalogTables(db: ProjectionDb | ProjectionTrx, t: TableNamer): Promise<void> {
  const products = t(PRODUCTS);
  // Nullable although never NULL once created: an upsert's insert half is checked before the conflict.
  await sql`
    CREATE TABLE ${sql.id(products)} (
      product_id   text PRIMARY KEY,
      details      jsonb,
      variants     jsonb,
      status       text,
      seller_id    text,
      category_id  text,
      brand        text,
      min_price    bigint,
      currency     text,
      created_at   timestamptz,
      in_stock     boolean NOT NULL DEFAULT false,
      rating_count integer NOT NULL DEFAULT 0,
      rating_sum   integer NOT NULL DEFAULT 0
    ) ${UPDATED_OFTEN}`.execute(db);
  // Listings: newest first or by price, within a status; category and seller narrow them.
  await sql`CREATE INDEX ${sql.id(`${products}_newest`)} ON ${sql.id(products)} (status, created_at DESC, product_id DESC)`.execute(db);
  await sql`CREATE INDEX ${sql.id(`${products}_price`)} ON ${sql.id(products)} (status, min_price, product_id)`.execute(db);
  await sql`CREATE INDEX ${sql.id(`${products}_category`)} ON ${sql.id(products)} (category_id)`.execute(db);
  await sql`CREATE INDEX ${sql.id(`${products}_seller`)} ON ${sql.id(products)} (seller_id)`.execute(db);

  const skus = t(SKUS);
  await sql`CREATE TABLE ${sql.id(skus)} (sku text PRIMARY KEY, product_id text, available bigint NOT NULL) ${UPDATED_OFTEN}`.execute(db);
  await sql`CREATE INDEX ${sql.id(`${skus}_product`)} ON ${sql.id(skus)} (product_id)`.execute(db);

  await sql`CREATE TABLE ${sql.id(t(CATEGORIES))} (category_id text PRIMARY KEY, doc jsonb NOT NULL, path_ids jsonb NOT NULL)`.execute(db);

  // product_id and rating stay NULL until ReviewSubmitted is seen; later events fill in the rest.
  const reviews = t(REVIEWS);
  await sql`
    CREATE TABLE ${sql.id(reviews)} (review_id text PRIMARY KEY, product_id text, rating integer, approved boolean NOT NULL) ${UPDATED_OFTEN}`.execute(db);
  await sql`CREATE INDEX ${sql.id(`${reviews}_product`)} ON ${sql.id(reviews)} (product_id) WHERE approved`.execute(db);
}
