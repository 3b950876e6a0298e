import { sql } from 'kysely';
import { orderStreamCategory, type OrderEvent } from '../../../domain/order/index.js';
import type { SqlProjection } from '../../runner/sql-projection.js';
import { domainEvent } from '../shared/domain-event.js';
import { foldDocuments, keysToLoad } from '../shared/document-fold.js';
import { loadDocs, UPDATED_OFTEN, upsertRows, type RowTable } from '../shared/sql-rows.js';
import { evolveOrderProgress, placementOf, type OrderPlacement, type OrderProgress } from './order-view.js';

const ORDERS = 'order_details';

interface OrderRow {
  readonly orderId: string;
  /** Only in the page that placed the order; NULL keeps what was written then. */
  readonly placement: OrderPlacement | null;
  readonly progress: OrderProgress;
}

const orders: RowTable<OrderRow> = {
  key: ['order_id'],
  columns: [
    { name: 'order_id', type: 'text', value: (o) => o.orderId },
    { name: 'placement', type: 'jsonb', value: (o) => o.placement, merge: 'coalesce' },
    { name: 'progress', type: 'jsonb', value: (o) => o.progress },
    { name: 'customer_id', type: 'text', value: (o) => o.placement?.customerId, merge: 'coalesce' },
    { name: 'status', type: 'text', value: (o) => o.progress.status },
    { name: 'placed_at', type: 'timestamptz', value: (o) => o.placement?.placedAt, merge: 'coalesce' },
  ],
};

/** Order detail (lines, pricing, status history, shipment, returns, refunds) and each customer's history. */
export const ordersProjection: SqlProjection = {
  name: 'orders',
  version: 1,
  filter: { categories: [orderStreamCategory] },
  tables: [ORDERS],
  async createTables(db, t) {
    const table = t(ORDERS);
    // An order is two documents: later events rewrite only the small `progress`, never the placement.
    // Placement columns are nullable because an upsert's insert half is checked before the conflict.
    await sql`
      CREATE TABLE ${sql.id(table)} (
        order_id    text PRIMARY KEY,
        placement   jsonb,
        progress    jsonb NOT NULL,
        customer_id text,
        status      text NOT NULL,
        placed_at   timestamptz
      ) ${UPDATED_OFTEN}`.execute(db);
    // A customer's history, newest first, read by keyset pages.
    await sql`
      CREATE INDEX ${sql.id(`${table}_customer`)} ON ${sql.id(table)} (customer_id, placed_at DESC, order_id DESC)
      WHERE customer_id IS NOT NULL`.execute(db);
  },
  async apply(trx, recorded, t) {
    const events = recorded.map((e) => domainEvent<OrderEvent>(e));
    const keyOf = (e: OrderEvent) => e.data.orderId;
    const toLoad = keysToLoad(events, keyOf, (e) => e.type === 'OrderPlaced');
    const docs = await loadDocs<OrderProgress>(trx, t(ORDERS), 'order_id', toLoad, 'progress');
    const placements = new Map<string, OrderPlacement>();
    for (const event of events) if (event.type === 'OrderPlaced') placements.set(event.data.orderId, placementOf(event));
    const changed = foldDocuments(events, docs, keyOf, evolveOrderProgress);
    const rows = [...changed].map(([orderId, progress]) => ({ orderId, progress, placement: placements.get(orderId) ?? null }));
    await upsertRows(trx, t(ORDERS), orders, rows);
  },
};
