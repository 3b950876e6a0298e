import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import { pgliteExtensions } from '../db/pglite-extensions.js';
import type { EventStore } from './types.js';

export interface OpenedEventStore {
  readonly store: EventStore;
  /** The SQL database the store lives in (postgres, pglite); EventStoreDB has none. */
  readonly db: Kysely<unknown> | undefined;
}

/** Picks the adapter named by `EVENT_STORE`; only the chosen one's client is loaded. */
export async function createEventStore(config: Config): Promise<OpenedEventStore> {
  switch (config.EVENT_STORE) {
    case 'pglite': {
      const { createPGliteEventStore } = await import('./pglite/pglite-event-store.js');
      const dataDir = path.resolve(config.DATA_DIR, 'eventstore');
      await mkdir(dataDir, { recursive: true });
      const store = await createPGliteEventStore({ pglite: dataDir, extensions: pgliteExtensions });
      return { store, db: store.db };
    }
    case 'postgres': {
      const { createPostgresEventStore } = await import('./postgres/postgres-event-store.js');
      const store = await createPostgresEventStore({ connectionString: config.DATABASE_URL! });
      return { store, db: store.db };
    }
    case 'esdb': {
      const { createEsdbEventStore } = await import('./esdb/esdb-event-store.js');
      return { store: await createEsdbEventStore({ connectionString: config.EVENTSTORE_URL! }), db: undefined };
    }
  }
}
