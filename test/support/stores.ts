import { PGlite } from '@electric-sql/pglite';
import type { Kysely } from 'kysely';
import { createPGliteEventStore } from '../../src/eventstore/pglite/pglite-event-store.js';
import { createPostgresEventStore } from '../../src/eventstore/postgres/postgres-event-store.js';
import type { EventStore } from '../../src/eventstore/types.js';
import { pgliteExtensions } from '../../src/db/pglite-extensions.js';
import { dropSchema, TEST_DATABASE_URL, uniqueSchema } from './postgres.js';

export interface OpenedStore {
  readonly store: EventStore;
  /** The same database, for what lives beside the events (checkpoints, read models). */
  readonly db: Kysely<unknown>;
  /** Postgres only: the fresh schema, for what must open connections of its own (advisory locks). */
  readonly schema?: string;
  readonly dispose: () => Promise<void>;
}

/** The SQL stores every command-side test runs against: a fresh schema on the local server, and PGlite. */
export const sqlStores: ReadonlyArray<{ name: 'postgres' | 'pglite'; open: () => Promise<OpenedStore> }> = [
  {
    name: 'postgres',
    open: async () => {
      const schema = uniqueSchema('cmd');
      const store = await createPostgresEventStore({ connectionString: TEST_DATABASE_URL, schema, maxConnections: 32, pollIntervalMs: 10 });
      return { store, db: store.db, schema, dispose: async () => { await store.close(); await dropSchema(schema); } };
    },
  },
  {
    name: 'pglite',
    open: async () => {
      const pglite = await PGlite.create({ extensions: pgliteExtensions });
      const store = await createPGliteEventStore({ pglite, pollIntervalMs: 10 });
      return { store, db: store.db, dispose: async () => { await store.close(); await pglite.close(); } };
    },
  },
];
