import { sql, type Kysely } from 'kysely';
import type { Money } from '../../../domain/shared/index.js';
import { categoryAndDescendants } from '../category-tree/category-tree-queries.js';
import { pageSize } from '../shared/pagination.js';
import { toNumber } from '../shared/values.js';

export interface SellerSalesDay {
  /** `YYYY-MM-DD`, UTC: the day the orders were confirmed. */
  readonly day: string;
  readonly orders: number;
  readonly units: number;
  readonly revenue: Money;
}

export interface BestSeller {
  readonly productId: string;
  readonly categoryId: string | null;
  readonly unitsSold: number;
  readonly orders: number;
  readonly revenue: Money | null;
}

/** A seller's net sales per day (and currency), oldest first; `from` and `to` are inclusive days. */
export async function sellerSales(
  db: Kysely<unknown>,
  sellerId: string,
  range: { from?: string; to?: string } = {},
): Promise<SellerSalesDay[]> {
  const result = await sql<{ day: string; currency: string; orders: number; units: number | string; revenue: number | string }>`
    SELECT day::text AS day, currency, orders, units, revenue FROM seller_sales_daily
    WHERE seller_id = ${sellerId}
      ${range.from === undefined ? sql`` : sql`AND day >= ${range.from}::date`}
      ${range.to === undefined ? sql`` : sql`AND day <= ${range.to}::date`}
    ORDER BY day, currency`.execute(db);
  return result.rows.map((row) => ({
    day: row.day,
    orders: row.orders,
    units: toNumber(row.units),
    revenue: { amount: toNumber(row.revenue), currency: row.currency },
  }));
}

/**
 * Products by units sold (net of cancellations and returns), most first. With `categoryId`, only
 * products in that category or, unless `includeDescendants` is false, below it (per the category tree).
 */
export async function bestSellers(
  db: Kysely<unknown>,
  options: { categoryId?: string; includeDescendants?: boolean; limit?: number } = {},
): Promise<BestSeller[]> {
  const categories =
    options.categoryId === undefined
      ? undefined
      : options.includeDescendants === false
        ? [options.categoryId]
        : await categoryAndDescendants(db, options.categoryId);
  const result = await sql<{ product_id: string; category_id: string | null; currency: string | null; units: number | string; orders: number; revenue: number | string }>`
    SELECT product_id, category_id, currency, units, orders, revenue FROM best_sellers
    WHERE units > 0 ${categories === undefined ? sql`` : sql`AND category_id = ANY(${categories}::text[])`}
    ORDER BY units DESC, product_id
    LIMIT ${pageSize(options.limit)}`.execute(db);
  return result.rows.map((row) => ({
    productId: row.product_id,
    categoryId: row.category_id,
    unitsSold: toNumber(row.units),
    orders: row.orders,
    revenue: row.currency === null ? null : { amount: toNumber(row.revenue), currency: row.currency },
  }));
}
