import type { Kysely } from 'kysely';
import type { Config } from '../../config.js';
import { createEventStore } from '../../eventstore/create-event-store.js';
import type { EventStore } from '../../eventstore/types.js';

/** What the history commands need: the store, and (for PII keys) the database beside it. */
export interface HistoryContext {
  readonly store: EventStore;
  /** The SQL database holding the customer keys: the store's own, else the read-model database (EventStoreDB). */
  database(): Promise<Kysely<unknown>>;
  close(): Promise<void>;
}

/**
 * Opens only the event store, not the projection context (read-model database, lock): an export
 * or a replay needs nothing else, and every module a process loads (PGlite's, the read models')
 * stays in its heap for the whole run.
 */
export async function openHistoryStore(config: Config): Promise<HistoryContext> {
  const opened = await createEventStore(config);
  let readModelDb: Kysely<unknown> | undefined;
  return {
    store: opened.store,
    async database() {
      if (opened.db) return opened.db;
      const { createReadModelDb } = await import('../../db/create-read-model-db.js');
      readModelDb ??= await createReadModelDb(config);
      return readModelDb;
    },
    async close() {
      await readModelDb?.destroy();
      await opened.store.close();
    },
  };
}
