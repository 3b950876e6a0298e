import { sql, type Kysely } from 'kysely';
import type { Money } from '../../../domain/shared/index.js';
import type { OrderStatus } from '../../../domain/order/index.js';
import { decodeCursor, pageSize, toPage, type Page } from '../shared/pagination.js';
import type { OrderPlacement, OrderProgress, OrderView } from './order-view.js';

export type { OrderPlacement, OrderProgress, OrderReturn, OrderView } from './order-view.js';

/** A line of a customer's order history. */
export interface OrderSummary {
  readonly orderId: string;
  readonly status: OrderStatus;
  readonly placedAt: string;
  readonly updatedAt: string;
  readonly total: Money;
  readonly itemCount: number;
  readonly lineCount: number;
  readonly trackingNumber: string | null;
}

// A type alias, not an interface: Kysely's `withTables` needs an index-signature-compatible shape.
type OrdersView = {
  order_details: { order_id: string; placement: OrderPlacement; progress: OrderProgress; customer_id: string | null; status: string; placed_at: Date };
};

export async function getOrder(db: Kysely<unknown>, orderId: string): Promise<OrderView | undefined> {
  const row = await db
    .withTables<OrdersView>()
    .selectFrom('order_details')
    .select(['placement', 'progress'])
    .where('order_id', '=', orderId)
    .executeTakeFirst();
  return row && { ...row.placement, ...row.progress };
}

/** The customer's orders, newest first. */
export async function listCustomerOrders(
  db: Kysely<unknown>,
  customerId: string,
  options: { limit?: number; cursor?: string } = {},
): Promise<Page<OrderSummary>> {
  const size = pageSize(options.limit);
  const after = options.cursor === undefined ? undefined : decodeCursor(options.cursor, ['string', 'string']);
  // The cursor keeps the timestamp as Postgres prints it: exact to the microsecond, unlike a JS Date.
  const result = await sql<{ doc: OrderView; placed_key: string }>`
    SELECT placement || progress AS doc, placed_at::text AS placed_key FROM order_details
    WHERE customer_id = ${customerId}
      ${after ? sql`AND (placed_at, order_id) < (${after[0]}::timestamptz, ${after[1]}::text)` : sql``}
    ORDER BY placed_at DESC, order_id DESC
    LIMIT ${size + 1}`.execute(db);
  return toPage(
    result.rows,
    size,
    ({ doc }) => ({
      orderId: doc.orderId,
      status: doc.status,
      placedAt: doc.placedAt,
      updatedAt: doc.updatedAt,
      total: doc.pricing.total,
      itemCount: doc.itemCount,
      lineCount: doc.lines.length,
      trackingNumber: doc.shipment?.trackingNumber ?? null,
    }),
    (row) => [row.placed_key, row.doc.orderId],
  );
}
