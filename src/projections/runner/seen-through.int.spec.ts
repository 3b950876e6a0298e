import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASE_URL } from '../../../test/support/postgres.js';
import { sqlStores, type OpenedStore } from '../../../test/support/stores.js';
import { comparePositions } from '../../eventstore/position.js';
import { appendStatements } from '../../eventstore/sql/append-statements.js';
import { runSqlProjection } from './run-sql-projection.js';
import { streamCountsProjection } from './testing/stream-counts-projection.js';
import { appendSpread, readCounts, uniqueCategory } from './testing/fixtures.js';

const postgres = sqlStores.find((s) => s.name === 'postgres')!;

/**
 * `waitFor` compares with the position the runner has "seen through", which moves past events of
 * other categories. That is only sound if nothing can still appear below it: here an append of a
 * followed category takes its transaction id first and commits last, after an unrelated append the
 * reader waits for. waitFor must not resolve until the late event is in the model.
 */
describe('read-your-writes past a late-committing transaction on postgres', () => {
  let opened: OpenedStore;
  let held: pg.Client;
  beforeAll(async () => {
    opened = await postgres.open();
    held = new pg.Client({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${opened.schema}` });
    await held.connect();
  });
  afterAll(async () => {
    await held?.end();
    await opened?.dispose();
  });

  it('does not pass a position while an earlier transaction of a followed category is still open', async () => {
    const { store, db } = opened;
    const category = uniqueCategory();
    const prefix = `counts_${category}`;
    const projection = streamCountsProjection({ name: `counts-${category}`, prefix, filter: { categories: [category] } });
    const runner = runSqlProjection(projection, { store, db, pollIntervalMs: 5 });
    try {
      expect(await runner.waitFor(await appendSpread(store, category, 3), 20_000)).toBe(true);

      await held.query('BEGIN');
      await held.query(appendStatements.many.no_stream.text, [`${category}-late`, category, [randomUUID()], ['Counted'], ['{}'], ['{}']]);
      const unrelated = await appendSpread(store, uniqueCategory('other'), 1);

      // The unrelated append committed, but a followed one below it may still commit: not passed yet.
      expect(await runner.waitFor(unrelated, 500)).toBe(false);
      const seen = runner.status().seenThrough!;
      expect(comparePositions(seen, unrelated)).toBeLessThan(0);

      await held.query('COMMIT');
      expect(await runner.waitFor(unrelated, 20_000)).toBe(true);
      // Resolved only once the late event is in the model.
      const model = await readCounts(db, prefix);
      expect(model.streams[`${category}-late`]).toEqual({ events: 1, lastRevision: 0 });
      expect(model.totals.events).toBe(4);
    } finally {
      await held.query('ROLLBACK').catch(() => undefined);
      await runner.stop();
    }
  });
});
