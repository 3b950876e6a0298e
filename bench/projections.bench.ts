/**
 * npm run bench:projections — rebuild throughput of every registered SQL projection (plus the
 * runner's own stream-counts projection) from a generated shop history of 1M events (every event type
 * of the domain, in a real shop's proportions: bench/support/shop-history/), and in the same run the
 * same projections applied per event (one transaction per event) over a smaller slice.
 * Target: ≥ 50k events/s batched and ≥ 5× the per-event rate.
 * Env: DATABASE_URL (default the local test server), BENCH_SCALE (default 1; 0.05 for a smoke run),
 * BENCH_BATCH (events per page, default 5000), BENCH_PGLITE=1 to add PGlite at a tenth of the scale,
 * BENCH_ONLY=orders,carts to measure only those projections.
 */
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { pgliteExtensions } from '../src/db/pglite-extensions.js';
import { createPGliteEventStore } from '../src/eventstore/pglite/pglite-event-store.js';
import { createPostgresEventStore } from '../src/eventstore/postgres/postgres-event-store.js';
import type { EventStore, Position } from '../src/eventstore/types.js';
import { sqlProjections } from '../src/projections/registry.js';
import { dropUnusedGenerations } from '../src/projections/runner/generation-cleanup.js';
import { createGeneration } from '../src/projections/runner/generations.js';
import { rebuildProjection } from '../src/projections/runner/rebuild-projection.js';
import type { SqlProjection } from '../src/projections/runner/sql-projection.js';
import { streamCountsProjection } from '../src/projections/runner/testing/stream-counts-projection.js';
import { writePage } from '../src/projections/runner/write-page.js';
import { terminalProgress } from '../src/cli/commands/projections-rebuild.js';
import { progressBar } from '../src/cli/progress-bar.js';
import { dropSchema, TEST_DATABASE_URL, uniqueSchema } from '../test/support/postgres.js';
import { seedHistory, type ShopHistorySummary } from './support/projection-history.js';
import { report, round, type Row } from './support/report.js';

const scale = Number(process.env.BENCH_SCALE ?? '1');
const batchSize = Number(process.env.BENCH_BATCH ?? '5000');
const only = process.env.BENCH_ONLY?.split(',').map((name) => name.trim());
const projections: SqlProjection[] = [...sqlProjections, streamCountsProjection({ name: 'stream-counts', filter: {} })].filter(
  (p) => only === undefined || only.includes(p.name),
);

interface Target {
  readonly name: 'postgres' | 'pglite';
  readonly store: EventStore;
  readonly db: Kysely<unknown>;
  readonly events: number;
  readonly perEventSlice: number;
  readonly cleanup: () => Promise<void>;
}

/** The baseline: the same projection code and fences, one transaction per event (reads still paged). */
async function applyPerEvent(target: Target, projection: SqlProjection, limit: number): Promise<{ events: number; seconds: number }> {
  const generation = await target.db.transaction().execute((trx) => createGeneration(trx, projection, 'building'));
  const page = { projection, generation: generation.generation, state: 'building' as const };
  const bar = progressBar(`${projection.name} per event`, limit);
  let checkpoint: Position = { commit: 0n, prepare: 0n };
  let events = 0;
  const started = performance.now();
  while (events < limit) {
    const read = await target.store.readAll({ ...(events > 0 ? { after: checkpoint } : {}), filter: projection.filter, maxCount: Math.min(1_000, limit - events) });
    if (read.length === 0) break;
    for (const event of read) {
      checkpoint = await writePage(target.db, page, checkpoint, [event]);
      events++;
    }
    bar.increment(read.length);
  }
  const seconds = (performance.now() - started) / 1000;
  bar.stop();
  await sql`UPDATE projection_generations SET state = 'retired' WHERE name = ${projection.name} AND generation = ${generation.generation}`.execute(target.db);
  await dropUnusedGenerations(target.db, projection);
  return { events, seconds };
}

async function openTargets(): Promise<Target[]> {
  const schema = uniqueSchema('bench_proj');
  const pg = await createPostgresEventStore({ connectionString: TEST_DATABASE_URL, schema, maxConnections: 8 });
  const targets: Target[] = [
    {
      name: 'postgres',
      store: pg,
      db: pg.db,
      events: Math.round(1_000_000 * scale),
      perEventSlice: Math.max(1_000, Math.round(20_000 * scale)),
      cleanup: async () => {
        await pg.close();
        await dropSchema(schema);
      },
    },
  ];
  if (process.env.BENCH_PGLITE === '1') {
    const lite = await createPGliteEventStore({ pglite: 'memory://', extensions: pgliteExtensions });
    targets.push({ name: 'pglite', store: lite, db: lite.db, events: Math.round(100_000 * scale), perEventSlice: Math.max(1_000, Math.round(5_000 * scale)), cleanup: () => lite.db.destroy() });
  }
  return targets;
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  const histories: Record<string, ShopHistorySummary> = {};
  for (const target of await openTargets()) {
    const seedStarted = performance.now();
    const history = await seedHistory(target.db, target.events, `${target.name}: seeding ${target.events} events`);
    histories[target.name] = history;
    const share = Object.entries(history.byCategory).map(([category, n]) => `${category} ${((100 * n) / history.events).toFixed(1)}%`);
    console.error(`${target.name}: ${history.events} events over ${history.days} simulated days in ${history.streams} streams, seeded in ${((performance.now() - seedStarted) / 1000).toFixed(0)} s: ${share.join(', ')}`);
    let allEvents = 0;
    let allSeconds = 0;
    for (const projection of projections) {
      console.error(`${target.name}: rebuilding ${projection.name}`);
      const progress = terminalProgress(projection.name);
      const rebuilt = await rebuildProjection(target.store, target.db, projection, { batchSize, onProgress: (p) => progress.update(p) });
      progress.stop();
      allEvents += rebuilt.events;
      allSeconds += rebuilt.seconds;
      if (rebuilt.events === 0) {
        // Its categories are not in the generated history: extend bench/support/shop-history/.
        rows.push({ store: target.name, projection: projection.name, 'rebuild events': 0, note: 'no events of its categories in the generated history' });
        continue;
      }
      const batched = rebuilt.events / rebuilt.seconds;
      console.error(`${target.name}: ${projection.name} per event`);
      const single = await applyPerEvent(target, projection, target.perEventSlice);
      const perEvent = single.events / single.seconds;
      rows.push({
        store: target.name,
        projection: projection.name,
        'rebuild events': rebuilt.events,
        'rebuild s': Number(rebuilt.seconds.toFixed(1)),
        'batched events/s': round(batched),
        'per-event events': single.events,
        'per-event events/s': round(perEvent),
        ratio: Number((batched / perEvent).toFixed(1)),
      });
    }
    rows.push({ store: target.name, projection: 'all, one after another', 'rebuild events': allEvents, 'rebuild s': Number(allSeconds.toFixed(1)), 'batched events/s': round(allEvents / allSeconds) });
    await target.cleanup();
  }
  await report('projections', rows, { scale, batchSize, targets: { postgres: '≥ 50k events/s batched, ≥ 5× per-event' }, history: histories });
}

await main();
