import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlStores, type OpenedStore } from '../../../test/support/stores.js';
import { runSqlProjection } from './run-sql-projection.js';
import { streamCountsProjection } from './testing/stream-counts-projection.js';
import { appendSpread, expectedCounts, processLock, readCounts, uniqueCategory } from './testing/fixtures.js';

const postgres = sqlStores.find((s) => s.name === 'postgres')!;
const child = fileURLToPath(new URL('./testing/crash-child.ts', import.meta.url));

/** The runner's process is killed (SIGKILL) in the middle of a page; another process takes over. */
describe('a runner killed mid-batch on postgres', () => {
  let opened: OpenedStore;
  beforeAll(async () => {
    opened = await postgres.open();
  });
  afterAll(() => opened?.dispose());

  it('leaves nothing of the interrupted page, and the next runner finishes with no duplicate and no loss', async () => {
    const { store, db } = opened;
    const category = uniqueCategory();
    const prefix = `counts_${category}`;
    const projection = streamCountsProjection({ name: `counts-${category}`, prefix, filter: { categories: [category] } });
    const batchSize = 25;
    const last = await appendSpread(store, category, 200);

    const proc = spawn(process.execPath, ['--import', 'tsx', child], {
      env: { ...process.env, SCHEMA: opened.schema!, CATEGORY: category, PREFIX: prefix, BATCH_SIZE: String(batchSize), HANG_ON_PAGE: '4' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    await new Promise<void>((resolve, reject) => {
      proc.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('HANGING') && resolve());
      proc.once('exit', (code) => reject(new Error(`child exited early with ${code}`)));
    });
    // Three pages committed, the fourth written inside its open transaction: kill it there.
    proc.kill('SIGKILL');
    await exited;

    // Committed: the three pages before. The fourth dies with its connection, rolled back by the server.
    expect((await readCounts(db, prefix)).totals.events).toBe(3 * batchSize);

    const successor = runSqlProjection(projection, { store, db, lock: processLock(opened), batchSize, pollIntervalMs: 10 });
    try {
      expect(await successor.waitFor(last, 30_000)).toBe(true);
      expect(await readCounts(db, prefix)).toEqual(await expectedCounts(store, projection.filter));
    } finally {
      await successor.stop();
    }
  });
});
