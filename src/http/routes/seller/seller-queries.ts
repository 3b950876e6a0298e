import { sql, type Kysely } from 'kysely';
import type { OrderLine, OrderStatus, ShippingAddress, ShippingOption } from '../../../domain/order/index.js';
import type { Money } from '../../../domain/shared/index.js';
import type { OrderPlacement, OrderProgress } from '../../../projections/read-models/index.js';
import { decodeCursor, encodeCursor, pageSize } from '../../../projections/read-models/shared/pagination.js';

/*
 * Seller-side reads over the orders, sales and catalog read models. They only read those models'
 * views; they would sit better in orders-queries.ts / sales-queries.ts (see the report), but those
 * belong to the read side's owners.
 */

export interface SellerOrder {
  readonly orderId: string;
  readonly status: OrderStatus;
  readonly placedAt: string;
  readonly updatedAt: string;
  /** Only the seller's own lines (all of them for an admin listing every order). */
  readonly lines: OrderLine[];
  /** Goods value of those lines: what the seller sells in this order. */
  readonly goods: Money;
  readonly shippingAddress: ShippingAddress;
  readonly shippingOption: ShippingOption;
  readonly carrier: string | null;
  readonly trackingNumber: string | null;
}

/** Orders with at least one line of `sellerId`'s (every order when undefined), newest first. */
export async function listSellerOrders(
  db: Kysely<unknown>,
  sellerId: string | undefined,
  options: { status?: OrderStatus; limit?: number; cursor?: string },
): Promise<{ items: SellerOrder[]; nextCursor: string | null }> {
  const size = pageSize(options.limit);
  const after = options.cursor === undefined ? undefined : decodeCursor(options.cursor, ['string', 'string']);
  const result = await sql<{ placement: OrderPlacement; progress: OrderProgress; placed_key: string }>`
    SELECT placement, progress, placed_at::text AS placed_key FROM order_details
    WHERE placement IS NOT NULL
      ${sellerId === undefined ? sql`` : sql`AND placement->'lines' @> ${JSON.stringify([{ sellerId }])}::jsonb`}
      ${options.status === undefined ? sql`` : sql`AND status = ${options.status}`}
      ${after ? sql`AND (placed_at, order_id) < (${after[0]}::timestamptz, ${after[1]}::text)` : sql``}
    ORDER BY placed_at DESC, order_id DESC
    LIMIT ${size + 1}`.execute(db);
  const rows = result.rows.slice(0, size);
  const last = rows.at(-1);
  return {
    items: rows.map(({ placement, progress }) => {
      const lines = placement.lines.filter((line) => sellerId === undefined || line.sellerId === sellerId);
      const currency = placement.pricing.total.currency;
      return {
        orderId: placement.orderId,
        status: progress.status,
        placedAt: placement.placedAt,
        updatedAt: progress.updatedAt,
        lines,
        goods: { amount: lines.reduce((sum, line) => sum + line.unitPrice.amount * line.quantity, 0), currency },
        shippingAddress: placement.shippingAddress,
        shippingOption: placement.shippingOption,
        carrier: progress.shipment?.carrier ?? null,
        trackingNumber: progress.shipment?.trackingNumber ?? null,
      };
    }),
    nextCursor: result.rows.length > size && last ? encodeCursor([last.placed_key, last.placement.orderId]) : null,
  };
}

export interface SalesDay {
  readonly day: string;
  readonly orders: number;
  readonly units: number;
  readonly revenue: Money;
}

/** Every seller's net sales per day and currency, summed: what an admin sees without naming a seller. */
export async function allSellersSales(db: Kysely<unknown>, range: { from?: string; to?: string }): Promise<SalesDay[]> {
  const result = await sql<{ day: string; currency: string; orders: number | string; units: number | string; revenue: number | string }>`
    SELECT day::text AS day, currency, SUM(orders) AS orders, SUM(units) AS units, SUM(revenue) AS revenue FROM seller_sales_daily
    WHERE TRUE
      ${range.from === undefined ? sql`` : sql`AND day >= ${range.from}::date`}
      ${range.to === undefined ? sql`` : sql`AND day <= ${range.to}::date`}
    GROUP BY day, currency
    ORDER BY day, currency`.execute(db);
  return result.rows.map((row) => ({ day: row.day, orders: Number(row.orders), units: Number(row.units), revenue: { amount: Number(row.revenue), currency: row.currency } }));
}

export interface SellerBestSeller {
  readonly productId: string;
  readonly title: string | null;
  readonly unitsSold: number;
  readonly orders: number;
  readonly revenue: Money | null;
}

/** Best sellers among `sellerId`'s products (everyone's when undefined), by units sold net of returns. */
export async function sellerBestSellers(db: Kysely<unknown>, sellerId: string | undefined, limit: number): Promise<SellerBestSeller[]> {
  const result = await sql<{ product_id: string; title: string | null; currency: string | null; units: number | string; orders: number; revenue: number | string }>`
    SELECT b.product_id, p.details->>'title' AS title, b.currency, b.units, b.orders, b.revenue
    FROM best_sellers b LEFT JOIN catalog_products p ON p.product_id = b.product_id
    WHERE b.units > 0 ${sellerId === undefined ? sql`` : sql`AND p.seller_id = ${sellerId}`}
    ORDER BY b.units DESC, b.product_id
    LIMIT ${pageSize(limit)}`.execute(db);
  return result.rows.map((row) => ({
    productId: row.product_id,
    title: row.title,
    unitsSold: Number(row.units),
    orders: row.orders,
    revenue: row.currency === null ? null : { amount: Number(row.revenue), currency: row.currency },
  }));
}
