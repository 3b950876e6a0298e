import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlStores, type OpenedStore } from '../../../test/support/stores.js';
import { createCommandHandlers } from '../../commands/command-handlers.js';
import { comparePositions } from '../../eventstore/position.js';
import type { RecordedEvent } from '../../eventstore/types.js';
import { namerFor } from '../../projections/runner/generations.js';
import { SearchCatalog } from '../contract/search-catalog.fixtures.js';
import { buildContractCatalog } from '../contract/search.contract.js';
import { productSearchProjection } from './product-search-projection.js';
import { searchTables } from './search-tables.js';

/** Every table's rows in a fixed order, without the positions (they name the page, which differs). */
async function snapshot(opened: OpenedStore, generation: number) {
  const t = namerFor(generation);
  const rows = async (table: string, order: string) =>
    (await sql.raw(`SELECT * FROM ${t(table)} ORDER BY ${order}`).execute(opened.db)).rows.map((row) => {
      const { source_commit: _c, source_prepare: _p, ...rest } = row as Record<string, unknown>;
      return rest;
    });
  return {
    products: await rows(searchTables.products, 'product_id'),
    skus: await rows(searchTables.skus, 'sku'),
    categories: await rows(searchTables.categories, 'category_id'),
    reviews: await rows(searchTables.reviews, 'review_id'),
    orderLines: await rows(searchTables.orderLines, 'order_id, product_id'),
    lexicon: await rows(searchTables.lexicon, 'word'),
  };
}

async function project(opened: OpenedStore, generation: number, events: readonly RecordedEvent[], pageSize: number): Promise<void> {
  const t = namerFor(generation);
  await opened.db.transaction().execute((trx) => productSearchProjection.createTables(trx, t));
  for (let i = 0; i < events.length; i += pageSize) {
    await opened.db.transaction().execute((trx) => productSearchProjection.apply(trx, events.slice(i, i + pageSize), t));
  }
}

describe('product-search projection', () => {
  let opened: OpenedStore;
  let events: RecordedEvent[];

  beforeAll(async () => {
    opened = await sqlStores.find((s) => s.name === 'postgres')!.open();
    const catalog = new SearchCatalog(createCommandHandlers(opened.store));
    await buildContractCatalog(catalog);
    await catalog.receiveStock('P12-25M', 7);
    await catalog.changePrice('p12', 'P12-25M', 1_999);
    await catalog.review('p12', 5);
    await catalog.sellStock('P12-25M', 3);
    await catalog.rename('p12', 'Garden Hose Reel');
    await catalog.moveCategory('speakers', 'home');
    await catalog.setPublished('p2', false);
    // A reader sees an append only once every older transaction in the database has ended (other
    // test files run beside this one): read until the last command's event is there.
    const last = catalog.lastPosition!;
    for (;;) {
      events = await opened.store.readAll({ filter: productSearchProjection.filter, maxCount: 100_000 });
      if (events.length > 0 && comparePositions(events.at(-1)!.position, last) >= 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });
  afterAll(async () => {
    await opened?.dispose();
  });

  it('writes the same read model event by event as in one page (and in odd-sized pages)', async () => {
    await project(opened, 101, events, 1);
    await project(opened, 102, events, events.length);
    await project(opened, 103, events, 7);
    const expected = await snapshot(opened, 101);
    expect(await snapshot(opened, 102)).toEqual(expected);
    expect(await snapshot(opened, 103)).toEqual(expected);
    expect(expected.products.find((row) => row.product_id === 'p12')).toMatchObject({
      title: 'Garden Hose Reel',
      price_min: '1999',
      in_stock: true,
      rating_avg: 5,
      rating_count: 1,
      category_path: ['garden'],
    });
  });

  it('writes a page with a fixed number of statements, whatever its size', async () => {
    let statements = 0;
    const t = namerFor(104);
    await opened.db.transaction().execute((trx) => productSearchProjection.createTables(trx, t));
    const counting = opened.db.withPlugin({
      transformQuery: (args) => {
        statements++;
        return args.node;
      },
      transformResult: async (args) => args.result,
    });
    await counting.transaction().execute((trx) => productSearchProjection.apply(trx, events, t));
    expect(events.length).toBeGreaterThan(50);
    expect(statements).toBeGreaterThan(5);
    expect(statements).toBeLessThanOrEqual(14);
  });
});
