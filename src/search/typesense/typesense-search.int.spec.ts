import { randomUUID } from 'node:crypto';
import { describe } from 'vitest';
import { sqlStores } from '../../../test/support/stores.js';
import { createCommandHandlers } from '../../commands/command-handlers.js';
import { runSqlProjection } from '../../projections/runner/run-sql-projection.js';
import { waitForProjection } from '../contract/projection-sync.js';
import { SearchCatalog } from '../contract/search-catalog.fixtures.js';
import { searchContract, type SearchUnderTest } from '../contract/search.contract.js';
import { productSearchProjection } from '../postgres/product-search-projection.js';
import { createTypesenseClient, ensureProductCollection } from './typesense-collection.js';
import { TypesenseSearchIndexer } from './typesense-search-indexer.js';
import { createTypesenseSearch } from './typesense-search.js';

const url = process.env.TYPESENSE_URL;
const apiKey = process.env.TYPESENSE_API_KEY ?? '';

// No Typesense server can run on these machines: the suite runs wherever TYPESENSE_URL points at one.
const describeTypesense = url ? describe : describe.skip;
describeTypesense(
  url ? 'Typesense search (the shared search contract)' : 'Typesense search — skipped: TYPESENSE_URL is not set (docker compose up provides Typesense)',
  () => searchContract(() => open(url ?? '')),
);

async function open(typesenseUrl: string): Promise<SearchUnderTest> {
  const opened = await sqlStores.find((s) => s.name === 'postgres')!.open();
  const running = runSqlProjection(productSearchProjection, { store: opened.store, db: opened.db, pollIntervalMs: 10 });
  const client = createTypesenseClient(typesenseUrl, apiKey);
  const collection = `products_test_${randomUUID().replaceAll('-', '')}`;
  await ensureProductCollection(client, collection);
  const search = createTypesenseSearch({ client, collection });
  const indexer = new TypesenseSearchIndexer({ db: opened.db, index: search, name: `search-index:${collection}` });
  const catalog = new SearchCatalog(createCommandHandlers(opened.store));
  return {
    search,
    catalog,
    sync: async () => {
      await waitForProjection(running, catalog.lastPosition);
      await indexer.catchUp();
    },
    dispose: async () => {
      await running.stop();
      await client.collections(collection).delete();
      await opened.dispose();
    },
  };
}
