import { sql, type Kysely } from 'kysely';
import { progressBar } from '../../src/cli/progress-bar.js';
import { shopHistory, type GeneratedEvent, type ShopHistorySummary } from './shop-history/shop-history.js';

export type { ShopHistorySummary } from './shop-history/shop-history.js';

const toRow = (e: GeneratedEvent) => ({ s: e.streamName, c: e.category, r: e.revision, t: e.type, d: e.data, m: e.metadata, a: new Date(e.recordedAt).toISOString() });

/** One multi-row INSERT per chunk: the rows travel as one jsonb parameter (Postgres and PGlite alike), in log order. */
async function insertChunk(db: Kysely<unknown>, rows: string): Promise<void> {
  await sql`
    INSERT INTO events (event_id, stream_name, category, revision, event_type, data, metadata, recorded_at)
    SELECT gen_random_uuid(), x.s, x.c, x.r, x.t, x.d, x.m, x.a
    FROM ROWS FROM (jsonb_to_recordset(${rows}::jsonb) AS (s text, c text, r bigint, t text, d jsonb, m jsonb, a timestamptz))
      WITH ORDINALITY AS x(s, c, r, t, d, m, a, n)
    ORDER BY x.n`.execute(db);
}

/**
 * A generated shop history for projection benchmarks (see shop-history/shop-history.ts: every kind
 * of event the domain writes, in the proportions of a real shop), written by bulk INSERT straight
 * into `events`: appending a million events one by one would take longer than the benchmark. Rows
 * look as appends leave them: many streams, revisions in order, metadata as the command side
 * writes it; each chunk of about 5,000 events is one transaction.
 *
 * Generating the next chunk overlaps with the database writing the previous one.
 */
export async function seedHistory(db: Kysely<unknown>, count: number, label = 'seeding events'): Promise<ShopHistorySummary> {
  const bar = progressBar(label, count);
  let summary: ShopHistorySummary | undefined;
  let pending: Promise<void> | undefined;
  for (const chunk of shopHistory({ events: count }, (s) => (summary = s))) {
    const rows = JSON.stringify(chunk.map(toRow));
    await pending;
    pending = insertChunk(db, rows);
    bar.increment(chunk.length);
  }
  await pending;
  bar.stop();
  // What autovacuum would do after a bulk load: without statistics the planner may sort instead of walking the index.
  await sql`ANALYZE events`.execute(db);
  if (!summary) throw new Error('the history generator ended without a summary');
  return summary;
}
