/**
 * npm run bench:eventstore — append and read throughput of the SQL event stores.
 *
 * Each figure is compared with a baseline measured in the same run on the same pool, because these
 * machines are shared and noisy: appends against a plain single-row INSERT of the same payload, the
 * hot stream against itself (it is the naive loop the command side must beat).
 * Env: DATABASE_URL (default the local test server), BENCH_SCALE (default 1; 0.1 for a smoke run).
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { createPGliteEventStore } from '../src/eventstore/pglite/pglite-event-store.js';
import { createPostgresEventStore } from '../src/eventstore/postgres/postgres-event-store.js';
import { WrongExpectedRevisionError } from '../src/eventstore/errors.js';
import type { EventStore } from '../src/eventstore/types.js';
import type { SqlClient } from '../src/eventstore/sql/sql-client.js';
import { progressBar } from '../src/cli/progress-bar.js';
import { dropSchema, TEST_DATABASE_URL, uniqueSchema } from '../test/support/postgres.js';
import { report, round, runLanes, type Row } from './support/report.js';

const scale = Number(process.env.BENCH_SCALE ?? '1');
const payload = { sku: 'SKU-000123', quantity: 2, orderId: '6f1c7f5e-8d0e-4d7b-9a52-1f3c8e2b4a90', expiresAt: '2026-11-22T10:15:00.000Z' };

interface Target {
  name: 'postgres' | 'pglite';
  store: EventStore;
  db: Kysely<unknown>;
  client: SqlClient;
  readAllEvents: number;
  cleanup: () => Promise<void>;
}

async function appendThroughput(target: Target, concurrency: number, total: number): Promise<number> {
  const run = randomUUID().slice(0, 8);
  const { perSecond } = await runLanes(total, concurrency, async (i) => {
    await target.store.appendToStream(`benchappend-${run}${i}`, [{ id: randomUUID(), type: 'StockReserved', data: payload }], {
      expectedRevision: 'no_stream',
    });
  });
  return perSecond;
}

async function plainInsertCeiling(target: Target, concurrency: number, total: number): Promise<number> {
  await sql`CREATE TABLE IF NOT EXISTS bench_plain (id uuid PRIMARY KEY, type text NOT NULL, data jsonb NOT NULL)`.execute(target.db);
  const json = JSON.stringify(payload);
  // The same client, pool and protocol as the store's appends: a named statement, prepared once per connection.
  const insert = { name: 'bench_plain_insert', text: `INSERT INTO bench_plain (id, type, data) VALUES ($1, 'StockReserved', $2::jsonb)` };
  const { perSecond } = await runLanes(total, concurrency, async () => {
    await target.client.query(insert, [randomUUID(), json]);
  });
  return perSecond;
}

/** The naive command loop on one stream: read, decide, append with the revision read, retry on conflict. */
async function hotStream(target: Target, workers: number, total: number): Promise<{ appends: number; conflicts: number; seconds: number }> {
  const stream = `benchhot-${randomUUID().slice(0, 8)}`;
  await target.store.appendToStream(stream, [{ id: randomUUID(), type: 'StockReceived', data: { quantity: 1_000_000 } }]);
  let conflicts = 0;
  const { seconds } = await runLanes(total, workers, async () => {
    for (;;) {
      const [last] = await target.store.readStream(stream, { direction: 'backwards', maxCount: 1 });
      try {
        await target.store.appendToStream(stream, [{ id: randomUUID(), type: 'StockReserved', data: payload }], {
          expectedRevision: last!.revision,
        });
        return;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        conflicts++;
      }
    }
  });
  return { appends: total / seconds, conflicts: conflicts / seconds, seconds };
}

async function seedForReadAll(target: Target, count: number, category: string): Promise<void> {
  // Bulk rows as many appends would leave them: many transactions, many streams.
  const perTransaction = 2_000;
  const bar = progressBar(`seeding ${target.name}`, count);
  for (let done = 0; done < count; done += perTransaction) {
    const n = Math.min(perTransaction, count - done);
    await sql`
      INSERT INTO events (event_id, stream_name, category, revision, event_type, data, metadata)
      SELECT gen_random_uuid(), ${category} || '-' || ((${done}::bigint + g) / 10), ${category}, (${done}::bigint + g) % 10,
             'StockReserved', ${JSON.stringify(payload)}::jsonb, '{"schemaVersion":1}'::jsonb
      FROM generate_series(0, ${n - 1}) AS g`.execute(target.db);
    bar.increment(n);
  }
  bar.stop();
  // What autovacuum does after a bulk load; without statistics the planner may sort instead of walking the index.
  await sql`ANALYZE events`.execute(target.db);
}

async function readAllThroughput(target: Target, count: number, batchSize: number): Promise<number> {
  const category = `benchread${randomUUID().slice(0, 8)}`;
  await seedForReadAll(target, count, category);
  const started = performance.now();
  let read = 0;
  const subscription = target.store.subscribe({ filter: { categories: [category] }, batchSize });
  for await (const _ of subscription) {
    void _;
    if (++read === count) break;
  }
  await subscription.stop();
  return count / ((performance.now() - started) / 1000);
}

async function openTargets(): Promise<Target[]> {
  const schema = uniqueSchema('bench_es');
  const pg = await createPostgresEventStore({ connectionString: TEST_DATABASE_URL, schema, maxConnections: 64 });
  const lite = await createPGliteEventStore({ pglite: 'memory://' });
  return [
    { name: 'postgres', store: pg, db: pg.db, client: pg.client, readAllEvents: Math.round(1_000_000 * scale), cleanup: async () => { await pg.close(); await dropSchema(schema); } },
    { name: 'pglite', store: lite, db: lite.db, client: lite.client, readAllEvents: Math.round(100_000 * scale), cleanup: async () => { await lite.db.destroy(); } },
  ];
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  for (const target of await openTargets()) {
    const appendsPerRun = Math.round((target.name === 'postgres' ? 20_000 : 5_000) * scale);
    for (const concurrency of [1, 16, 64]) {
      const n = concurrency === 1 ? Math.round(appendsPerRun / 4) : appendsPerRun;
      // Ceiling and append alternate in the same run, so drift in machine load hits both alike.
      console.error(`${target.name}: appends at concurrency ${concurrency}`);
      const ceiling = await plainInsertCeiling(target, concurrency, n);
      const appends = await appendThroughput(target, concurrency, n);
      rows.push({ store: target.name, case: `append, 1 event, distinct streams`, concurrency, 'ops/s': round(appends), 'plain INSERT/s': round(ceiling), ratio: Number((appends / ceiling).toFixed(2)) });
    }
    console.error(`${target.name}: hot stream`);
    const hot = await hotStream(target, 64, Math.round((target.name === 'postgres' ? 2_000 : 1_000) * scale));
    rows.push({ store: target.name, case: 'hot stream, naive read-decide-append', concurrency: 64, 'ops/s': round(hot.appends), 'conflicts/s': round(hot.conflicts) });
    for (const batchSize of [1_000, 5_000]) {
      console.error(`${target.name}: readAll, page ${batchSize}`);
      const perSecond = await readAllThroughput(target, target.readAllEvents, batchSize);
      rows.push({ store: target.name, case: `readAll from 0 over ${target.readAllEvents} events, page ${batchSize}`, concurrency: 1, 'ops/s': round(perSecond) });
    }
    await target.cleanup();
  }
  await report('eventstore', rows, { scale, targets: { postgres: '≥ 0.8× plain INSERT at concurrency 16; readAll ≥ 100k events/s' } });
}

await main();
