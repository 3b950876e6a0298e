import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlStores, type OpenedStore } from '../../../test/support/stores.js';
import { createCommandHandlers } from '../../commands/command-handlers.js';
import { comparePositions } from '../../eventstore/position.js';
import { runSqlProjection, type RunningProjection } from '../../projections/runner/run-sql-projection.js';
import { waitForProjection } from '../contract/projection-sync.js';
import { SearchCatalog } from '../contract/search-catalog.fixtures.js';
import { buildContractCatalog } from '../contract/search.contract.js';
import { productSearchProjection } from '../postgres/product-search-projection.js';
import type { SearchDocument, SearchIndex } from '../search-port.js';
import { TypesenseSearchIndexer } from './typesense-search-indexer.js';

/** Records what the indexer sends: the change feed is what is under test here, not Typesense. */
class RecordingIndex implements SearchIndex {
  readonly batches: SearchDocument[][] = [];
  async index(documents: readonly SearchDocument[]): Promise<number> {
    this.batches.push([...documents]);
    return documents.length;
  }
  async remove(): Promise<void> {}
  take(): SearchDocument[] {
    return this.batches.splice(0).flat();
  }
}

describe('TypesenseSearchIndexer change feed', () => {
  let opened: OpenedStore;
  let catalog: SearchCatalog;
  let running: RunningProjection | undefined;
  const index = new RecordingIndex();
  const sync = () => waitForProjection(running!, catalog.lastPosition);

  beforeAll(async () => {
    opened = await sqlStores.find((s) => s.name === 'postgres')!.open();
    catalog = new SearchCatalog(createCommandHandlers(opened.store));
    await buildContractCatalog(catalog);
    // Started after the catalog: one page, so every document shares one position.
    running = runSqlProjection(productSearchProjection, { store: opened.store, db: opened.db, batchSize: 1_000, pollIntervalMs: 10 });
    await sync();
  });
  afterAll(async () => {
    await running?.stop();
    await opened?.dispose();
  });

  const indexer = () => new TypesenseSearchIndexer({ db: opened.db, index, batchSize: 3 });

  it('pushes every document once, even when one position holds more than a page', async () => {
    expect(await indexer().catchUp()).toBe(13);
    const pushed = index.take();
    expect(pushed.map((d) => d.productId).sort()).toEqual(['p1', 'p10', 'p11', 'p12', 'p13', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8', 'p9']);
    expect(pushed.find((d) => d.productId === 'p13')).toMatchObject({ published: false });
    expect(pushed.find((d) => d.productId === 'p1')).toMatchObject({ price: { amount: 9_999 }, inStock: true, rating: 4.5, soldUnits: 3 });
  });

  it('resumes from its checkpoint and pushes only what changed, with a newer position', async () => {
    expect(await indexer().catchUp()).toBe(0);
    expect(index.take()).toEqual([]);

    await catalog.changePrice('p1', 'P1-BLK', 8_999);
    await sync();
    await catalog.receiveStock('P7-US', 4);
    await sync();
    await catalog.review('p8', 4);
    await sync();
    expect(await indexer().catchUp()).toBe(3);
    const pushed = index.take();
    expect(pushed.map((d) => d.productId)).toEqual(['p1', 'p7', 'p8']);
    expect(pushed[0]).toMatchObject({ price: { amount: 8_999 } });
    expect(pushed[1]).toMatchObject({ inStock: true });
    expect(pushed[2]).toMatchObject({ rating: 4, ratingCount: 1 });
    expect(comparePositions(pushed[0]!.source, pushed[2]!.source)).toBe(-1);
  });
});
