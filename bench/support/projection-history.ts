import { sql, type Kysely } from 'kysely';
import { progressBar } from '../../src/cli/progress-bar.js';

/**
 * A generated history for projection benchmarks, written by bulk INSERT straight into `events`
 * (appending a million events one by one would take longer than the benchmark). Rows look as
 * appends leave them: many transactions, many streams, revisions in order.
 *
 * Inventory reservations on 10,000 SKUs: each reservation is `StockReserved` followed by its end,
 * committed (70%), released (20%), or, for 10%, a `StockAdjusted` instead, so that reservation stays
 * active. Projections of other categories: add a generator here and mix it into `seedHistory`.
 */
export async function seedHistory(db: Kysely<unknown>, count: number, label = 'seeding events'): Promise<void> {
  const perStatement = 20_000;
  const bar = progressBar(label, count);
  for (let from = 0; from < count; from += perStatement) {
    const n = Math.min(perStatement, count - from);
    await sql`
      INSERT INTO events (event_id, stream_name, category, revision, event_type, data, metadata)
      SELECT gen_random_uuid(), 'inventory-BENCH-SKU-' || (r % 10000), 'inventory', (r / 10000) * 2 + k,
             CASE WHEN k = 0 THEN 'StockReserved'
                  WHEN r % 10 < 7 THEN 'ReservationCommitted'
                  WHEN r % 10 < 9 THEN 'ReservationReleased'
                  ELSE 'StockAdjusted' END,
             CASE WHEN k = 1 AND r % 10 = 9
                  THEN jsonb_build_object('sku', 'BENCH-SKU-' || (r % 10000), 'delta', -1, 'reason', 'damaged', 'at', at)
                  ELSE jsonb_build_object('sku', 'BENCH-SKU-' || (r % 10000), 'reservationId', 'res-' || r, 'orderId', 'order-' || r,
                         'quantity', 1 + r % 3, 'at', at, 'expiresAt', expires_at, 'reason', 'payment declined') END,
             '{"schemaVersion":1}'::jsonb
      FROM (
        SELECT g / 2 AS r, g % 2 AS k,
               to_char(timestamptz '2026-11-01' + (g / 2) * interval '1 second', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at,
               to_char(timestamptz '2026-11-01' + (g / 2) * interval '1 second' + interval '15 minutes', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS expires_at
        FROM generate_series(${from}::bigint, ${from + n - 1}::bigint) AS g
      ) s
      ORDER BY r, k`.execute(db);
    bar.increment(n);
  }
  bar.stop();
  // What autovacuum would do after a bulk load: without statistics the planner may sort instead of walking the index.
  await sql`ANALYZE events`.execute(db);
}
