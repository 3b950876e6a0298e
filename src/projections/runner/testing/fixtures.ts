import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { TEST_DATABASE_URL } from '../../../../test/support/postgres.js';
import type { OpenedStore } from '../../../../test/support/stores.js';
import type { EventStore, Position, ReadAllFilter } from '../../../eventstore/types.js';
import { createPostgresProjectionLock } from '../postgres-projection-lock.js';
import { inProcessLockFor, type ProjectionLock } from '../projection-lock.js';
import type { SqlProjection } from '../sql-projection.js';

/** A category no other test writes to (stream names are `<category>-<id>`). */
export const uniqueCategory = (prefix = 'c') => `${prefix}${randomUUID().replaceAll('-', '').slice(0, 10)}`;

/** Appends `count` events spread over `streams` streams of `category`; returns the last position. */
export async function appendSpread(store: EventStore, category: string, count: number, streams = 7, type = 'Counted'): Promise<Position> {
  let last: Position | undefined;
  for (let i = 0; i < count; i++) {
    const result = await store.appendToStream(`${category}-${i % streams}`, [{ id: randomUUID(), type, data: { i } }]);
    last = result.position;
  }
  return last!;
}

export interface CountsModel {
  readonly streams: Record<string, { events: number; lastRevision: number }>;
  readonly totals: { events: number; streams: number };
}

/** Reads the stream-counts model through its views (what readers see). */
export async function readCounts(db: Kysely<unknown>, prefix: string): Promise<CountsModel> {
  // One statement, one snapshot: both views as of the same moment.
  const result = await sql<{ streams: Array<{ stream_name: string; events: number; last_revision: number }> | null; events: number; stream_count: number }>`
    SELECT (SELECT json_agg(s ORDER BY s.stream_name) FROM ${sql.id(`${prefix}_streams`)} s) AS streams,
           t.events::integer AS events, t.streams::integer AS stream_count
    FROM ${sql.id(`${prefix}_totals`)} t WHERE t.id = 1`.execute(db);
  const row = result.rows[0]!;
  const streams: CountsModel['streams'] = {};
  for (const s of row.streams ?? []) streams[s.stream_name] = { events: Number(s.events), lastRevision: Number(s.last_revision) };
  return { streams, totals: { events: row.events, streams: row.stream_count } };
}

/** The model a correct projection must hold: computed from the log itself. */
export async function expectedCounts(store: EventStore, filter: ReadAllFilter, weight = 1): Promise<CountsModel> {
  const streams: Record<string, { events: number; lastRevision: number }> = {};
  let total = 0;
  let after: Position | undefined;
  for (;;) {
    const page = await store.readAll({ ...(after ? { after } : {}), filter, maxCount: 1_000 });
    for (const e of page) {
      const s = (streams[e.streamName] ??= { events: 0, lastRevision: -1 });
      s.events += weight;
      s.lastRevision = Number(e.revision);
      total += weight;
    }
    if (page.length < 1_000) break;
    after = page.at(-1)!.position;
  }
  return { streams, totals: { events: total, streams: Object.keys(streams).length } };
}

/** Wraps `apply` with a hook that runs after the real apply wrote the page (inside its transaction). */
export function withHook(projection: SqlProjection, afterApply: (eventsInPage: number) => Promise<void> | void): SqlProjection {
  return {
    ...projection,
    async apply(trx, events, t) {
      await projection.apply(trx, events, t);
      await afterApply(events.length);
    },
  };
}

/**
 * Locks as two processes would have them: on Postgres each call makes a lock with its own
 * connections (another process, as far as the server can tell); on PGlite one process owns the
 * database, so runners share its in-process lock.
 */
export function processLock(opened: OpenedStore): ProjectionLock {
  if (opened.schema === undefined) return inProcessLockFor(opened.db);
  return createPostgresProjectionLock({ connectionString: TEST_DATABASE_URL, schema: opened.schema, retryMs: 25, heartbeatMs: 500 });
}

/** Polls `check` until it returns true (or fails the test after `timeoutMs`). */
export async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 20_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
