import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect } from 'kysely';
import { migrateToLatest } from '../../db/migrate.js';
import { createSqlEventStore } from '../sql/sql-event-store.js';
import type { EventStore } from '../types.js';

export interface PGliteEventStoreConfig {
  /** A data directory, or an existing PGlite instance (tests share one: initdb costs seconds). */
  readonly pglite: string | PGlite;
  readonly pollIntervalMs?: number;
  readonly migrate?: boolean;
}

/** The embedded event store: the same SQL as `postgres`, in-process, with no server to run. */
export async function createPGliteEventStore(config: PGliteEventStoreConfig): Promise<EventStore & { db: Kysely<unknown>; pglite: PGlite }> {
  const ownsInstance = typeof config.pglite === 'string';
  const pglite = typeof config.pglite === 'string' ? await PGlite.create(config.pglite) : config.pglite;
  const db = new Kysely<unknown>({ dialect: new PGliteDialect({ pglite }) });
  if (config.migrate ?? true) await migrateToLatest(db);
  const store = createSqlEventStore(db, {
    kind: 'pglite',
    pollIntervalMs: config.pollIntervalMs ?? 50,
    // A shared instance belongs to whoever made it; closing the store leaves it open.
    onClose: async () => {
      if (ownsInstance) await db.destroy();
    },
  });
  return { ...store, db, pglite };
}
