import { sql } from 'kysely';
import type { ProjectionTrx, TableNamer } from '../runner/sql-projection.js';
import { columns, type OrderBasket, type ProductChange, type Tally } from './recommendation-batch.js';

// Every write takes whole columns as arrays through `unnest`: one statement per table per page,
// three or four parameters whatever the page size (no 65535-parameter ceiling, one cached plan).

export async function takePending(trx: ProjectionTrx, t: TableNamer, orderIds: readonly string[]): Promise<OrderBasket[]> {
  if (orderIds.length === 0) return [];
  const result = await sql<{ order_id: string; customer_id: string | null; product_ids: string[] }>`
    DELETE FROM ${sql.id(t('reco_pending_orders'))} WHERE order_id = ANY(${[...orderIds]}::text[])
    RETURNING order_id, customer_id, product_ids`.execute(trx);
  return result.rows.map((row) => ({ orderId: row.order_id, customerId: row.customer_id, productIds: row.product_ids }));
}

export async function dropPending(trx: ProjectionTrx, t: TableNamer, orderIds: readonly string[]): Promise<void> {
  if (orderIds.length === 0) return;
  await sql`DELETE FROM ${sql.id(t('reco_pending_orders'))} WHERE order_id = ANY(${[...orderIds]}::text[])`.execute(trx);
}

export async function addPending(trx: ProjectionTrx, t: TableNamer, baskets: Iterable<OrderBasket>): Promise<void> {
  const list = [...baskets];
  if (list.length === 0) return;
  await sql`
    INSERT INTO ${sql.id(t('reco_pending_orders'))} (order_id, customer_id, product_ids)
    SELECT * FROM unnest(${list.map((b) => b.orderId)}::text[], ${list.map((b) => b.customerId)}::text[],
      ${list.map((b) => JSON.stringify(b.productIds))}::jsonb[])
    ON CONFLICT (order_id) DO NOTHING`.execute(trx);
}

/** Catalog changes and purchase counts in one upsert; a null column means "unchanged". */
export async function upsertProducts(
  trx: ProjectionTrx,
  t: TableNamer,
  changes: ReadonlyMap<string, ProductChange>,
  purchases: ReadonlyMap<string, number>,
): Promise<void> {
  const ids = [...new Set([...changes.keys(), ...purchases.keys()])];
  if (ids.length === 0) return;
  await sql`
    INSERT INTO ${sql.id(t('reco_products'))} AS p (product_id, category_id, hidden, order_count)
    SELECT * FROM unnest(${ids}::text[], ${ids.map((id) => changes.get(id)?.categoryId ?? null)}::text[],
      ${ids.map((id) => changes.get(id)?.hidden ?? null)}::boolean[], ${ids.map((id) => purchases.get(id) ?? 0)}::integer[])
    ON CONFLICT (product_id) DO UPDATE SET
      category_id = COALESCE(excluded.category_id, p.category_id),
      hidden = COALESCE(excluded.hidden, p.hidden),
      order_count = p.order_count + excluded.order_count`.execute(trx);
}

export async function addCounts(trx: ProjectionTrx, t: TableNamer, counts: Tally): Promise<void> {
  if (counts.orders === 0) return;
  const [products, others, pairCounts] = columns(counts.pairs);
  if (products.length > 0) {
    await sql`
      INSERT INTO ${sql.id(t('reco_pairs'))} AS p (product_id, other_id, order_count)
      SELECT * FROM unnest(${products}::text[], ${others}::text[], ${pairCounts}::integer[])
      ON CONFLICT (product_id, other_id) DO UPDATE SET order_count = p.order_count + excluded.order_count`.execute(trx);
  }
  const [customers, owned, ownedCounts] = columns(counts.customers);
  if (customers.length > 0) {
    await sql`
      INSERT INTO ${sql.id(t('reco_customer_products'))} AS c (customer_id, product_id, order_count)
      SELECT * FROM unnest(${customers}::text[], ${owned}::text[], ${ownedCounts}::integer[])
      ON CONFLICT (customer_id, product_id) DO UPDATE SET order_count = c.order_count + excluded.order_count`.execute(trx);
  }
  await sql`UPDATE ${sql.id(t('reco_totals'))} SET confirmed_orders = confirmed_orders + ${counts.orders}`.execute(trx);
}
