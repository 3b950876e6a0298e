import { sql } from 'kysely';
import type { EventStore, Position, ReadAllFilter } from '../../eventstore/types.js';
import type { ProjectionDb } from './sql-projection.js';

export interface EventCount {
  readonly count: number;
  /** The count stopped at the limit: there are at least this many. */
  readonly capped: boolean;
}

/**
 * How many events matching `filter` lie after `after` (and are visible to readers now).
 *
 * The port has no count, so for the SQL stores this asks their `events` table directly through
 * `db`, which assumes the events live in the same database as the read models (true for the
 * postgres and pglite stores as the composition root wires them). It mirrors the filter and the
 * visibility rule of `readAll` (src/eventstore/sql/read-statements.ts). For EventStoreDB it reads
 * pages, so it needs a `limit`, and answers `undefined` without one.
 */
export async function countEvents(
  store: EventStore,
  db: ProjectionDb,
  filter: ReadAllFilter,
  after: Position | undefined,
  limit?: number,
): Promise<EventCount | undefined> {
  if (store.kind === 'esdb') return limit === undefined ? undefined : countByReading(store, filter, after, limit);
  const categories = filter.categories?.length ? [...filter.categories] : null;
  const types = filter.eventTypes ? [...filter.eventTypes] : null;
  const from = after ?? { commit: 0n, prepare: 0n };
  const result = await sql<{ n: number }>`
    SELECT count(*)::integer AS n FROM (
      SELECT 1 FROM events e
      WHERE (e.transaction_id, e.global_position) > (${from.commit.toString()}::xid8, ${from.prepare.toString()}::bigint)
        AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
        AND (${categories}::text[] IS NULL OR e.category = ANY(${categories}::text[]))
        AND (${types}::text[] IS NULL OR e.event_type = ANY(${types}::text[]))
      LIMIT ${limit ?? null}::bigint) x`.execute(db);
  const count = result.rows[0]?.n ?? 0;
  return { count, capped: limit !== undefined && count >= limit };
}

async function countByReading(store: EventStore, filter: ReadAllFilter, after: Position | undefined, limit: number): Promise<EventCount> {
  let count = 0;
  let from = after;
  while (count < limit) {
    const maxCount = Math.min(1_000, limit - count);
    const page = await store.readAll({ ...(from ? { after: from } : {}), filter, maxCount });
    count += page.length;
    if (page.length < maxCount) break;
    from = page.at(-1)!.position;
  }
  return { count, capped: count >= limit };
}
