import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.js';
import type { EventStore } from './types.js';

/** Picks the adapter named by `EVENT_STORE`; only the chosen one's client is loaded. */
export async function createEventStore(config: Config): Promise<EventStore> {
  switch (config.EVENT_STORE) {
    case 'pglite': {
      const { createPGliteEventStore } = await import('./pglite/pglite-event-store.js');
      const dataDir = path.resolve(config.DATA_DIR, 'eventstore');
      await mkdir(dataDir, { recursive: true });
      return createPGliteEventStore({ pglite: dataDir });
    }
    case 'postgres': {
      const { createPostgresEventStore } = await import('./postgres/postgres-event-store.js');
      return createPostgresEventStore({ connectionString: config.DATABASE_URL! });
    }
    case 'esdb': {
      const { createEsdbEventStore } = await import('./esdb/esdb-event-store.js');
      return createEsdbEventStore({ connectionString: config.EVENTSTORE_URL! });
    }
  }
}
