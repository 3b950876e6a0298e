import { sql, type Kysely } from 'kysely';
import type { ProductStatus, Variant } from '../../../domain/product/index.js';
import type { Money } from '../../../domain/shared/index.js';
import type { CategoryRef } from '../shared/category-nodes.js';
import { decodeCursor, pageSize, toPage, type Page } from '../shared/pagination.js';
import { averageOf, toIso, toNumber } from '../shared/values.js';
import type { CategoryDoc } from './catalog-tables.js';
import type { ProductDetails, ProductDoc } from './product-doc.js';

export interface ProductRating {
  /** Rounded to two decimals; null without approved reviews. */
  readonly average: number | null;
  readonly count: number;
}

export interface ProductView extends Omit<ProductDoc, 'variants'> {
  readonly variants: readonly (Variant & { readonly inStock: boolean })[];
  /** From the root category down to the product's own. */
  readonly categoryPath: readonly CategoryRef[];
  readonly fromPrice: Money;
  readonly rating: ProductRating;
  readonly inStock: boolean;
}

export interface ProductSummary {
  readonly productId: string;
  readonly title: string;
  readonly brand: string;
  readonly sellerId: string;
  readonly categoryId: string;
  readonly status: ProductStatus;
  readonly fromPrice: Money;
  readonly imageUrl: string | null;
  readonly rating: ProductRating;
  readonly inStock: boolean;
  readonly createdAt: string;
}

export type ProductSort = 'newest' | 'price_asc' | 'price_desc';

export interface ListProductsOptions {
  /** Includes the categories below it unless `includeDescendants` is false. */
  readonly categoryId?: string;
  readonly includeDescendants?: boolean;
  readonly sellerId?: string;
  readonly brand?: string;
  /** Prices compare only within one currency: set it when sorting a mixed catalog by price. */
  readonly currency?: string;
  /** Default `published`: what shoppers may see. */
  readonly status?: ProductStatus | 'any';
  readonly inStock?: boolean;
  readonly sort?: ProductSort;
  readonly limit?: number;
  readonly cursor?: string;
}

// Type aliases, not interfaces: Kysely's `withTables` needs index-signature-compatible shapes.
type CatalogViews = {
  catalog_products: {
    product_id: string;
    details: ProductDetails;
    variants: Variant[];
    seller_id: string;
    category_id: string;
    status: ProductStatus;
    brand: string;
    min_price: string | number;
    currency: string;
    created_at: Date;
    in_stock: boolean;
    rating_count: number;
    rating_sum: number;
  };
  catalog_categories: { category_id: string; doc: CategoryDoc; path_ids: string[] };
};

export async function getProduct(db: Kysely<unknown>, productId: string): Promise<ProductView | undefined> {
  const result = await sql<{ doc: ProductDoc; in_stock: boolean; rating_count: number; rating_sum: number; path: CategoryRef[] | null; stock: Record<string, boolean> }>`
    SELECT p.details || jsonb_build_object('status', p.status, 'variants', p.variants) AS doc, p.in_stock, p.rating_count, p.rating_sum, c.doc->'path' AS path,
      (SELECT COALESCE(jsonb_object_agg(k.sku, k.available > 0), '{}'::jsonb) FROM catalog_skus k WHERE k.product_id = p.product_id) AS stock
    FROM catalog_products p LEFT JOIN catalog_categories c ON c.category_id = p.category_id
    WHERE p.product_id = ${productId}`.execute(db);
  const row = result.rows[0];
  if (row === undefined) return undefined;
  const { doc } = row;
  return {
    ...doc,
    variants: doc.variants.map((variant) => ({ ...variant, inStock: row.stock[variant.sku] ?? false })),
    categoryPath: row.path ?? [],
    fromPrice: { amount: Math.min(...doc.variants.map((v) => v.price.amount)), currency: doc.currency },
    rating: { average: averageOf(row.rating_sum, row.rating_count), count: row.rating_count },
    inStock: row.in_stock,
  };
}

const sorts = {
  newest: { kinds: ['string', 'string'], op: '<' },
  price_asc: { kinds: ['number', 'string'], op: '>' },
  price_desc: { kinds: ['number', 'string'], op: '<' },
} as const;

/** Products for listings, with keyset pagination in the chosen order (ties broken by product id). */
export async function listProducts(db: Kysely<unknown>, options: ListProductsOptions = {}): Promise<Page<ProductSummary>> {
  const size = pageSize(options.limit);
  const sort = options.sort ?? 'newest';
  const status = options.status ?? 'published';
  const views = db.withTables<CatalogViews>();
  let query = views
    .selectFrom('catalog_products as p')
    .select(['p.product_id', 'p.seller_id', 'p.category_id', 'p.status', 'p.brand', 'p.min_price', 'p.currency', 'p.created_at'])
    .select(['p.in_stock', 'p.rating_count', 'p.rating_sum'])
    .select([sql<string>`p.details->>'title'`.as('title'), sql<string | null>`p.details->'imageUrls'->>0`.as('image_url')])
    // The cursor keeps the timestamp as Postgres prints it: exact to the microsecond, unlike a JS Date.
    .select(sql<string>`p.created_at::text`.as('created_key'));
  if (status !== 'any') query = query.where('p.status', '=', status);
  if (options.sellerId !== undefined) query = query.where('p.seller_id', '=', options.sellerId);
  if (options.brand !== undefined) query = query.where('p.brand', '=', options.brand);
  if (options.currency !== undefined) query = query.where('p.currency', '=', options.currency);
  if (options.inStock !== undefined) query = query.where('p.in_stock', '=', options.inStock);
  if (options.categoryId !== undefined) {
    const categoryId = options.categoryId;
    query =
      options.includeDescendants === false
        ? query.where('p.category_id', '=', categoryId)
        : query.where('p.category_id', 'in', views.selectFrom('catalog_categories').select('category_id').where(sql<boolean>`path_ids @> ${JSON.stringify([categoryId])}::jsonb`));
  }
  if (options.cursor !== undefined) {
    const [value, id] = decodeCursor(options.cursor, sorts[sort].kinds);
    const key = sort === 'newest' ? sql`(p.created_at, p.product_id)` : sql`(p.min_price, p.product_id)`;
    const bound = sort === 'newest' ? sql`(${value}::timestamptz, ${id}::text)` : sql`(${value}::bigint, ${id}::text)`;
    query = query.where(sql<boolean>`${key} ${sql.raw(sorts[sort].op)} ${bound}`);
  }
  query =
    sort === 'newest'
      ? query.orderBy('p.created_at', 'desc').orderBy('p.product_id', 'desc')
      : sort === 'price_asc'
        ? query.orderBy('p.min_price', 'asc').orderBy('p.product_id', 'asc')
        : query.orderBy('p.min_price', 'desc').orderBy('p.product_id', 'desc');
  const rows = await query.limit(size + 1).execute();
  return toPage(
    rows,
    size,
    (row) => ({
      productId: row.product_id,
      title: row.title,
      brand: row.brand,
      sellerId: row.seller_id,
      categoryId: row.category_id,
      status: row.status,
      fromPrice: { amount: toNumber(row.min_price), currency: row.currency },
      imageUrl: row.image_url,
      rating: { average: averageOf(row.rating_sum, row.rating_count), count: row.rating_count },
      inStock: row.in_stock,
      createdAt: toIso(row.created_at),
    }),
    (row) => (sort === 'newest' ? [row.created_key, row.product_id] : [toNumber(row.min_price), row.product_id]),
  );
}
