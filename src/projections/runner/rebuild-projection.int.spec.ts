import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlStores, type OpenedStore } from '../../../test/support/stores.js';
import type { RebuildProgress } from './projection-status.js';
import { rebuildProjection, RebuildInProgressError } from './rebuild-projection.js';
import { runSqlProjection } from './run-sql-projection.js';
import { streamCountsProjection } from './testing/stream-counts-projection.js';
import { appendSpread, eventually, expectedCounts, processLock, readCounts, uniqueCategory, withHook, type CountsModel } from './testing/fixtures.js';

describe.each(sqlStores)('blue/green rebuild on $name', ({ open }) => {
  let opened: OpenedStore;
  beforeAll(async () => {
    opened = await open();
  });
  afterAll(() => opened?.dispose());

  /** Polls the model through its views and checks every snapshot is whole; returns what it saw. */
  function watchModel(prefix: string, atLeast: number) {
    const seen: CountsModel[] = [];
    const problems: string[] = [];
    let running = true;
    const loop = (async () => {
      let previous = atLeast;
      while (running) {
        let model: CountsModel;
        try {
          model = await readCounts(opened.db, prefix);
        } catch (error) {
          // A reader must never fail because of a switch (a deadlock victim, a view gone).
          problems.push(`read failed: ${error instanceof Error ? error.message : String(error)}`);
          continue;
        }
        const sum = Object.values(model.streams).reduce((a, s) => a + s.events, 0);
        if (sum !== model.totals.events) problems.push(`streams sum ${sum} ≠ total ${model.totals.events}`);
        if (Object.keys(model.streams).length !== model.totals.streams) problems.push('stream count differs');
        // A half-built generation switched in would show fewer events than were already there.
        if (model.totals.events < previous) problems.push(`went back from ${previous} to ${model.totals.events}`);
        previous = model.totals.events;
        seen.push(model);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();
    return {
      seen,
      problems,
      stop: async () => {
        running = false;
        await loop;
      },
    };
  }

  async function generations(name: string) {
    const result = await sql<{ generation: number; version: number; state: string; dropped: boolean }>`
      SELECT generation, version, state, dropped_at IS NOT NULL AS dropped FROM projection_generations
      WHERE name = ${name} ORDER BY generation`.execute(opened.db);
    return result.rows;
  }

  async function tableExists(table: string) {
    const result = await sql<{ found: string | null }>`SELECT to_regclass(${table})::text AS found`.execute(opened.db);
    return result.rows[0]?.found != null;
  }

  it('switches atomically while writes continue, and the rebuilt model equals the incremental one', async () => {
    const { store, db } = opened;
    const category = uniqueCategory();
    const filter = { categories: [category] };
    const prefix = `counts_${category}`;
    const projection = streamCountsProjection({ name: `counts-${category}`, prefix, filter });
    // A twin that is never rebuilt: the incrementally built model to compare with.
    const twin = streamCountsProjection({ name: `twin-${category}`, prefix: `twin_${category}`, filter });
    const options = { store, db, batchSize: 50, pollIntervalMs: 5 };
    const runner = runSqlProjection(projection, { ...options, lock: processLock(opened) });
    const twinRunner = runSqlProjection(twin, { ...options, lock: processLock(opened) });
    const seeded = 600;
    const seededAt = await appendSpread(store, category, seeded, 13);
    expect(await runner.waitFor(seededAt, 20_000)).toBe(true);

    let writing = true;
    const writer = (async () => {
      while (writing) {
        await appendSpread(store, category, 3, 13);
        // A steady trickle, not a flood: on PGlite everything shares one connection with the reader.
        await new Promise((resolve) => setTimeout(resolve, 3));
      }
    })();
    const watch = watchModel(prefix, seeded);
    const progress: RebuildProgress[] = [];
    try {
      const result = await rebuildProjection(store, db, projection, { lock: processLock(opened), batchSize: 40, onProgress: (p) => progress.push(p) });
      expect(result).toMatchObject({ rebuilt: true, generation: 2, previous: 1 });
      expect(result.events).toBeGreaterThanOrEqual(seeded);
      await appendSpread(store, category, 30, 13);
    } finally {
      writing = false;
      await writer;
    }
    const lastWrite = await appendSpread(store, category, 1, 13);
    try {
      expect(await runner.waitFor(lastWrite, 20_000)).toBe(true);
      expect(await twinRunner.waitFor(lastWrite, 20_000)).toBe(true);
      await watch.stop();
      expect(watch.problems).toEqual([]);
      expect(watch.seen.length).toBeGreaterThan(5);
      // The live runner followed the switch onto the new generation.
      expect(runner.status().generation).toBe(2);

      const rebuilt = await readCounts(db, prefix);
      const incremental = await readCounts(db, `twin_${category}`);
      expect(rebuilt).toEqual(incremental);
      expect(rebuilt).toEqual(await expectedCounts(store, filter));
    } finally {
      await watch.stop();
      await Promise.all([runner.stop(), twinRunner.stop()]);
    }

    expect(await generations(projection.name)).toEqual([
      { generation: 1, version: 1, state: 'retired', dropped: true },
      { generation: 2, version: 1, state: 'live', dropped: false },
    ]);
    expect(await tableExists(`${prefix}_streams__g1`)).toBe(false);
    expect(await tableExists(`${prefix}_totals__g1`)).toBe(false);
    expect(progress.at(-1)?.phase).toBe('switched');
    expect(progress.some((p) => p.phase === 'building' && p.total !== undefined && p.total >= seeded && p.eventsPerSecond > 0)).toBe(true);
  });

  it('rebuilds at start when the code’s version differs, serving the old generation until the switch', async () => {
    const { store, db } = opened;
    const category = uniqueCategory();
    const filter = { categories: [category] };
    const prefix = `counts_${category}`;
    const v1 = streamCountsProjection({ name: `counts-${category}`, prefix, filter });
    const seeded = 400;
    const seededAt = await appendSpread(store, category, seeded, 11);
    const first = runSqlProjection(v1, { store, db, pollIntervalMs: 5 });
    expect(await first.waitFor(seededAt, 20_000)).toBe(true);
    await first.stop();

    // Version 2 counts every event twice; its pages are slowed so the build can be watched.
    const v2 = withHook(streamCountsProjection({ name: `counts-${category}`, prefix, filter, version: 2, weight: 2 }), () =>
      new Promise((resolve) => setTimeout(resolve, 5)),
    );
    const watch = watchModel(prefix, seeded);
    const second = runSqlProjection(v2, { store, db, pollIntervalMs: 5, rebuildBatchSize: 20 });
    try {
      await eventually(() => second.status().rebuild !== undefined && second.status().state === 'catching-up', 20_000, 'rebuild under way');
      // Meanwhile readers still get the whole version 1 model.
      expect((await readCounts(db, prefix)).totals.events).toBe(seeded);
      await eventually(() => second.status().state === 'live', 30_000, 'live on version 2');
      expect(second.status()).toMatchObject({ generation: 2, version: 2, rebuild: undefined });
      const more = await appendSpread(store, category, 10, 11);
      expect(await second.waitFor(more, 20_000)).toBe(true);
      await watch.stop();
      expect(watch.problems).toEqual([]);
      expect(watch.seen.some((m) => m.totals.events === seeded)).toBe(true);
      expect(await readCounts(db, prefix)).toEqual(await expectedCounts(store, filter, 2));
    } finally {
      await watch.stop();
      await second.stop();
    }
    expect(await generations(v1.name)).toEqual([
      { generation: 1, version: 1, state: 'retired', dropped: true },
      { generation: 2, version: 2, state: 'live', dropped: false },
    ]);
  });

  it('resumes an interrupted build from its own checkpoint', async () => {
    const { store, db } = opened;
    const category = uniqueCategory();
    const filter = { categories: [category] };
    const prefix = `counts_${category}`;
    const projection = streamCountsProjection({ name: `counts-${category}`, prefix, filter });
    await appendSpread(store, category, 300, 5);
    const abort = new AbortController();
    await expect(
      rebuildProjection(store, db, projection, {
        batchSize: 25,
        signal: abort.signal,
        onProgress: (p) => p.done >= 100 && abort.abort(new Error('operator pressed ^C')),
      }),
    ).rejects.toThrow('operator pressed ^C');
    expect(await generations(projection.name)).toEqual([{ generation: 1, version: 1, state: 'building', dropped: false }]);

    const resumed = await rebuildProjection(store, db, projection, { batchSize: 25 });
    expect(resumed).toMatchObject({ rebuilt: true, generation: 1, previous: undefined });
    expect(resumed.events).toBe(200);
    expect(await readCounts(db, prefix)).toEqual(await expectedCounts(store, filter));
  });

  it('fails after its retries when the switch keeps failing, leaving the live generation serving', async () => {
    const { store, db } = opened;
    const category = uniqueCategory();
    const good = streamCountsProjection({ name: `counts-${category}`, filter: { categories: [category] } });
    await appendSpread(store, category, 20);
    await rebuildProjection(store, db, good);
    // Declares a table it never creates: its view cannot be made, so the switch fails every time.
    const broken = { ...good, tables: [...good.tables, `missing_${category}`] };
    let attempts = 0;
    await expect(
      rebuildProjection(store, db, broken, { retry: { maxAttempts: 3, delayMs: () => { attempts++; return 1; } } }),
    ).rejects.toThrow(/does not exist/);
    expect(attempts).toBe(2);
    expect(await generations(good.name)).toEqual([
      { generation: 1, version: 1, state: 'live', dropped: false },
      { generation: 2, version: 1, state: 'building', dropped: false },
    ]);
    expect((await readCounts(db, `counts_${category}`)).totals.events).toBe(20);
  });

  it('refuses a second rebuild of the same projection while one runs', async () => {
    const { store, db } = opened;
    const category = uniqueCategory();
    const projection = streamCountsProjection({ name: `counts-${category}`, filter: { categories: [category] } });
    await appendSpread(store, category, 50);
    const lock = processLock(opened);
    const held = await lock.acquire(`projection-rebuild:${projection.name}`);
    try {
      await expect(rebuildProjection(store, db, projection, { lock: processLock(opened) })).rejects.toBeInstanceOf(RebuildInProgressError);
    } finally {
      await held?.release();
    }
  });
});
