import { describe } from 'vitest';
import { sqlStores, type OpenedStore } from '../../../test/support/stores.js';
import { createCommandHandlers } from '../../commands/command-handlers.js';
import { createPGliteEventStore } from '../../eventstore/pglite/pglite-event-store.js';
import { runSqlProjection } from '../../projections/runner/run-sql-projection.js';
import { waitForProjection } from '../contract/projection-sync.js';
import { SearchCatalog } from '../contract/search-catalog.fixtures.js';
import { searchContract, type SearchUnderTest } from '../contract/search.contract.js';
import { createSearchReadyPGlite } from './pglite-search-extensions.js';
import { createPostgresSearch } from './postgres-search.js';
import { productSearchProjection } from './product-search-projection.js';

/** PGlite needs pg_trgm loaded at creation, which the shared store helper does not do. */
async function openPGlite(): Promise<OpenedStore> {
  const pglite = await createSearchReadyPGlite();
  const store = await createPGliteEventStore({ pglite, pollIntervalMs: 10 });
  return { store, db: store.db, dispose: async () => { await store.close(); await pglite.close(); } };
}

const openers = [
  { name: 'postgres', open: sqlStores.find((s) => s.name === 'postgres')!.open },
  { name: 'pglite', open: openPGlite },
];

describe.each(openers)('Postgres full-text search on $name', ({ open }) => {
  searchContract(async (): Promise<SearchUnderTest> => {
    const opened = await open();
    const running = runSqlProjection(productSearchProjection, { store: opened.store, db: opened.db, pollIntervalMs: 10 });
    const catalog = new SearchCatalog(createCommandHandlers(opened.store));
    return {
      search: createPostgresSearch({ db: opened.db }),
      catalog,
      sync: () => waitForProjection(running, catalog.lastPosition),
      dispose: async () => {
        await running.stop();
        await opened.dispose();
      },
    };
  });
});
