import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlStores, type OpenedStore } from '../../../test/support/stores.js';
import { readStatus } from './status-store.js';
import { runSqlProjection } from './run-sql-projection.js';
import { streamCountsProjection } from './testing/stream-counts-projection.js';
import { appendSpread, eventually, expectedCounts, readCounts, uniqueCategory, withHook } from './testing/fixtures.js';

const fastRetries = { retryDelayMs: () => 10 };

describe.each(sqlStores)('the projection runner on $name', ({ open }) => {
  let opened: OpenedStore;
  beforeAll(async () => {
    opened = await open();
  });
  afterAll(() => opened?.dispose());

  function countsFor(category: string) {
    const name = `counts-${category}`;
    return { name, prefix: `counts_${category}`, projection: streamCountsProjection({ name, prefix: `counts_${category}`, filter: { categories: [category] } }) };
  }

  it('catches up in pages, goes live and reports its status', async () => {
    const { store, db } = opened;
    const category = uniqueCategory();
    const { projection, prefix } = countsFor(category);
    const last = await appendSpread(store, category, 120);
    const runner = runSqlProjection(projection, { store, db, batchSize: 50, pollIntervalMs: 10 });
    try {
      expect(await runner.waitFor(last, 20_000)).toBe(true);
      expect(await readCounts(db, prefix)).toEqual(await expectedCounts(store, projection.filter));
      await eventually(() => runner.status().state === 'live', 5_000, 'live');
      const status = runner.status();
      expect(status).toMatchObject({ name: projection.name, version: 1, generation: 1, state: 'live', lastError: undefined, checkpoint: last });
      const report = await runner.inspect();
      expect(report).toMatchObject({ state: 'live', generation: 1, lagEvents: 0, lagEventsCapped: false, lagSeconds: 0, checkpoint: last });
      expect(report.head).toBeDefined();
      await eventually(async () => (await readStatus(db, projection.name))?.state === 'live', 5_000, 'live recorded');
    } finally {
      await runner.stop();
    }
    expect(runner.status().state).toBe('stopped');
    expect((await readStatus(db, projection.name))?.state).toBe('stopped');
  });

  it('reports lag in events and seconds while it is behind', async () => {
    const { store, db } = opened;
    const category = uniqueCategory();
    const { projection } = countsFor(category);
    const first = runSqlProjection(projection, { store, db, pollIntervalMs: 10 });
    await first.waitFor(await appendSpread(store, category, 3), 20_000);
    await first.stop();
    await appendSpread(store, category, 25);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    // Stopped: nothing applies, so what is pending is the lag.
    const report = await first.inspect();
    expect(report.lagEvents).toBe(25);
    expect(report.lagSeconds).toBeGreaterThanOrEqual(1);
  });

  it('retries a page whose apply fails after writing part of it: no duplicate, no loss', async () => {
    const { store, db } = opened;
    const category = uniqueCategory();
    const { projection, prefix } = countsFor(category);
    let failures = 0;
    // The page's rows are written, then the transaction fails: all of it must roll back.
    const flaky = withHook(projection, () => {
      if (failures < 3) {
        failures++;
        throw new Error(`injected failure ${failures}`);
      }
    });
    const last = await appendSpread(store, category, 90);
    const runner = runSqlProjection(flaky, { store, db, batchSize: 40, pollIntervalMs: 10, maxAttempts: 5, ...fastRetries });
    try {
      expect(await runner.waitFor(last, 20_000)).toBe(true);
      expect(failures).toBe(3);
      expect(await readCounts(db, prefix)).toEqual(await expectedCounts(store, projection.filter));
      expect(runner.status().lastError).toBeUndefined();
    } finally {
      await runner.stop();
    }
  });

  it('stops as failed with the error after its retries, and a restart resumes exactly', async () => {
    const { store, db } = opened;
    const category = uniqueCategory();
    const { projection, prefix } = countsFor(category);
    await appendSpread(store, category, 30);
    await appendSpread(store, category, 1, 1, 'Poison');
    const last = await appendSpread(store, category, 30);
    let attempts = 0;
    const poisoned = {
      ...projection,
      async apply(...args: Parameters<typeof projection.apply>) {
        await projection.apply(...args);
        if (args[1].some((e) => e.type === 'Poison')) {
          attempts++;
          throw new Error('cannot apply Poison');
        }
      },
    };
    const runner = runSqlProjection(poisoned, { store, db, batchSize: 10, pollIntervalMs: 10, maxAttempts: 3, ...fastRetries });
    await expect(runner.done).rejects.toThrow('cannot apply Poison');
    expect(attempts).toBe(3);
    expect(runner.status()).toMatchObject({ state: 'failed', lastError: 'cannot apply Poison' });
    expect(await runner.waitFor(last, 100)).toBe(false);
    expect(await readStatus(db, projection.name)).toMatchObject({ state: 'failed', lastError: 'cannot apply Poison' });
    const report = await runner.inspect();
    expect(report).toMatchObject({ state: 'failed', lastError: 'cannot apply Poison', lagEvents: 31 });
    // Nothing of the failing page took effect, nothing after it was skipped to.
    const partial = await readCounts(db, prefix);
    expect(partial.totals.events).toBe(30);

    // The fix is deployed: a new runner resumes at the failed page.
    const fixed = runSqlProjection(projection, { store, db, batchSize: 10, pollIntervalMs: 10 });
    try {
      expect(await fixed.waitFor(last, 20_000)).toBe(true);
      expect(await readCounts(db, prefix)).toEqual(await expectedCounts(store, projection.filter));
      await eventually(async () => (await readStatus(db, projection.name))?.lastError === null, 5_000, 'error cleared');
    } finally {
      await fixed.stop();
    }
  });

  it('waitFor resolves for a position in a category the projection does not follow', async () => {
    const { store, db } = opened;
    const category = uniqueCategory();
    const { projection } = countsFor(category);
    await appendSpread(store, category, 5);
    // A poll interval longer than the test: only waitFor waking the runner can get it to read.
    const runner = runSqlProjection(projection, { store, db, pollIntervalMs: 120_000 });
    try {
      expect(await runner.waitFor(await appendSpread(store, category, 1), 20_000)).toBe(true);
      // Its checkpoint can never reach this position: nothing it follows is there.
      const unrelated = await appendSpread(store, uniqueCategory('other'), 1);
      expect(await runner.waitFor(unrelated, 5_000)).toBe(true);
      expect(runner.status().checkpoint).not.toEqual(unrelated);
    } finally {
      await runner.stop();
    }
  });

  it('waitFor answers from the database when another runner is the active one', async () => {
    const { store, db } = opened;
    const category = uniqueCategory();
    const { projection } = countsFor(category);
    const active = runSqlProjection(projection, { store, db, pollIntervalMs: 10 });
    const standby = runSqlProjection(projection, { store, db, pollIntervalMs: 10 });
    try {
      await eventually(() => active.status().state === 'live' && standby.status().state === 'waiting-for-lock', 20_000, 'one active');
      expect(await standby.waitFor(await appendSpread(store, category, 4), 20_000)).toBe(true);
      expect(await standby.waitFor(await appendSpread(store, uniqueCategory('other'), 1), 20_000)).toBe(true);
    } finally {
      await Promise.all([active.stop(), standby.stop()]);
    }
  });
});
