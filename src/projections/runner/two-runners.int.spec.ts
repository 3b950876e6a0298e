import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASE_URL } from '../../../test/support/postgres.js';
import { sqlStores, type OpenedStore } from '../../../test/support/stores.js';
import { readStatus } from './status-store.js';
import { runSqlProjection, type RunningProjection } from './run-sql-projection.js';
import { streamCountsProjection } from './testing/stream-counts-projection.js';
import { appendSpread, eventually, expectedCounts, processLock, readCounts, uniqueCategory, withHook } from './testing/fixtures.js';

describe.each(sqlStores)('two runners for one projection on $name', ({ name, open }) => {
  let opened: OpenedStore;
  beforeAll(async () => {
    opened = await open();
  });
  afterAll(() => opened?.dispose());

  function setUp() {
    const category = uniqueCategory();
    const prefix = `counts_${category}`;
    const projection = streamCountsProjection({ name: `counts-${category}`, prefix, filter: { categories: [category] } });
    // Which runner applied each page: two active runners would both show up here.
    const writers = new Set<string>();
    const runner = (label: string) =>
      runSqlProjection(
        withHook(projection, () => void writers.add(label)),
        { store: opened.store, db: opened.db, lock: processLock(opened), batchSize: 20, pollIntervalMs: 10 },
      );
    return { category, prefix, projection, writers, runner };
  }

  const activeOf = (runners: RunningProjection[]) => runners.filter((r) => ['starting', 'catching-up', 'live'].includes(r.status().state));

  it('only one is active; the second takes over when the first stops, with no duplicate and no loss', async () => {
    const { store, db } = opened;
    const { category, prefix, projection, writers, runner } = setUp();
    await appendSpread(store, category, 100);
    const first = runner('first');
    await eventually(() => first.status().state === 'live', 20_000, 'first live');
    const second = runner('second');
    try {
      await eventually(() => second.status().state === 'waiting-for-lock', 20_000, 'second waiting');
      const during = await appendSpread(store, category, 60);
      expect(await first.waitFor(during, 20_000)).toBe(true);
      expect(activeOf([first, second])).toEqual([first]);
      expect(writers).toEqual(new Set(['first']));

      await first.stop();
      await eventually(() => second.status().state === 'live', 20_000, 'second takes over');
      const after = await appendSpread(store, category, 60);
      expect(await second.waitFor(after, 20_000)).toBe(true);
      expect(writers).toEqual(new Set(['first', 'second']));
      expect(await readCounts(db, prefix)).toEqual(await expectedCounts(store, projection.filter));
      await eventually(async () => (await readStatus(db, projection.name))?.state === 'live', 20_000, 'live recorded');
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
  });

  // Only Postgres has a lock connection to kill: the test exists only there, rather than being skipped on PGlite.
  (name === 'postgres' ? it : () => undefined)('the second takes over when the first one’s lock connection dies', async () => {
    const { store, db } = opened;
    const { category, prefix, projection, runner } = setUp();
    await appendSpread(store, category, 50);
    const first = runner('first');
    await eventually(() => first.status().state === 'live', 20_000, 'first live');
    const second = runner('second');
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${opened.schema}` });
    await admin.connect();
    try {
      await eventually(() => second.status().state === 'waiting-for-lock', 20_000, 'second waiting');
      // What a crashed process or a network cut looks like to the server: the session ends.
      const killed = await admin.query(
        `SELECT pg_terminate_backend(l.pid) FROM pg_locks l
         WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
           AND ((l.classid::bigint << 32) | l.objid::bigint) = hashtextextended(current_schema() || '/' || $1, 0)`,
        [`projection:${projection.name}`],
      );
      expect(killed.rowCount).toBe(1);
      await eventually(() => second.status().state === 'live', 20_000, 'second takes over');
      // The first noticed it lost the lock and waits for it again instead of writing on.
      await eventually(() => first.status().state === 'waiting-for-lock', 20_000, 'first stands down');
      const after = await appendSpread(store, category, 80);
      expect(await second.waitFor(after, 20_000)).toBe(true);
      expect(await readCounts(db, prefix)).toEqual(await expectedCounts(store, projection.filter));

      await second.stop();
      await eventually(() => first.status().state === 'live', 20_000, 'first takes it back');
    } finally {
      await admin.end();
      await Promise.all([first.stop(), second.stop()]);
    }
  });
});
