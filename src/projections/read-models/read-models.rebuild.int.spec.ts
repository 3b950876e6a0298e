import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlStores } from '../../../test/support/stores.js';
import type { Position } from '../../eventstore/types.js';
import { liveGeneration, namerFor, pointViewsAt } from '../runner/generations.js';
import type { SqlProjection } from '../runner/sql-projection.js';
import { readModelProjections } from './index.js';
import { generateHistory } from './testing/history/generate-history.js';
import { readModelSnapshot } from './testing/read-model-snapshot.js';
import { openReadModelTestKit, type ReadModelTestKit } from './testing/read-model-test-kit.js';

const REBUILT = 900;
const HISTORY_EVENTS = 10_000;

/**
 * The read models' core promise: applying the log as it happens, in small pages interleaved
 * with the writes, leaves exactly what one rebuild from position 0 in big pages leaves.
 */
describe.each(sqlStores)('read models on $name: incremental equals rebuild', ({ open }) => {
  let kit: ReadModelTestKit;

  beforeAll(async () => {
    // The projections run live, in small pages, while the history is written.
    kit = await openReadModelTestKit(open, readModelProjections, { batchSize: 25 });
    const written = await generateHistory(kit.commands, { seed: 20_260_302, events: HISTORY_EVENTS });
    expect(written.events).toBeGreaterThanOrEqual(HISTORY_EVENTS);
    await kit.settle();
    // Then each one is rebuilt beside the live generation, from position 0, in big pages.
    for (const projection of readModelProjections) await rebuild(projection);
  }, 600_000);
  afterAll(() => kit?.dispose());

  async function rebuild(projection: SqlProjection): Promise<void> {
    const t = namerFor(REBUILT);
    await kit.db.transaction().execute((trx) => projection.createTables(trx, t));
    let after: Position | undefined;
    for (;;) {
      const page = await kit.store.readAll({ ...(after ? { after } : {}), filter: projection.filter, maxCount: 5_000 });
      if (page.length === 0) break;
      await kit.db.transaction().execute((trx) => projection.apply(trx, page, t));
      after = page.at(-1)!.position;
    }
  }

  const rows = async (table: string) =>
    (await sql<{ row: unknown }>`SELECT to_jsonb(t) AS row FROM ${sql.id(table)} t ORDER BY to_jsonb(t)::text`.execute(kit.db)).rows;

  it('writes the same rows into every table', async () => {
    for (const projection of readModelProjections) {
      const live = (await liveGeneration(kit.db, projection.name))!.generation;
      for (const table of projection.tables) {
        const [incremental, rebuilt] = [await rows(namerFor(live)(table)), await rows(namerFor(REBUILT)(table))];
        expect(rebuilt.length, `${table} has rows`).toBeGreaterThan(0);
        expect(rebuilt, table).toEqual(incremental);
      }
    }
  });

  it('answers every query the same', async () => {
    const incremental = await readModelSnapshot(kit.db);
    await kit.db.transaction().execute(async (trx) => {
      for (const projection of readModelProjections) await pointViewsAt(trx, projection, REBUILT);
    });
    const rebuilt = await readModelSnapshot(kit.db);
    expect(rebuilt).toEqual(incremental);
    expect(JSON.stringify(rebuilt).length).toBeGreaterThan(100_000);
  }, 300_000);
});
