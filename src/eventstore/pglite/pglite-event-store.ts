import { PGlite, type Extensions } from '@electric-sql/pglite';
import { Kysely, PGliteDialect } from 'kysely';
import { migrateToLatest } from '../../db/migrate.js';
import { createSqlEventStore } from '../sql/sql-event-store.js';
import type { SqlClient, SqlStatement } from '../sql/sql-client.js';
import type { EventStore } from '../types.js';

export interface PGliteEventStoreConfig {
  /** A data directory, or an existing PGlite instance (tests share one: initdb costs seconds). */
  readonly pglite: string | PGlite;
  /** Extensions to load when this store opens a data directory itself (e.g. pg_trgm for search). */
  readonly extensions?: Extensions;
  readonly pollIntervalMs?: number;
  readonly migrate?: boolean;
}

/** The embedded event store: the same SQL as `postgres`, in-process, with no server to run. */
export async function createPGliteEventStore(config: PGliteEventStoreConfig): Promise<EventStore & { db: Kysely<unknown>; pglite: PGlite; client: SqlClient }> {
  const ownsInstance = typeof config.pglite === 'string';
  const pglite =
    typeof config.pglite === 'string' ? await PGlite.create(config.pglite, { ...(config.extensions ? { extensions: config.extensions } : {}) }) : config.pglite;
  const db = new Kysely<unknown>({ dialect: new PGliteDialect({ pglite }) });
  if (config.migrate ?? true) await migrateToLatest(db);
  const client: SqlClient = {
    query: async <Row>(statement: SqlStatement, values: readonly unknown[]) =>
      (await pglite.query<Row>(statement.text, [...values])).rows,
  };
  const store = createSqlEventStore(client, {
    kind: 'pglite',
    pollIntervalMs: config.pollIntervalMs ?? 50,
    // A shared instance belongs to whoever made it; closing the store leaves it open.
    onClose: async () => {
      if (ownsInstance) await db.destroy();
    },
  });
  return { ...store, db, pglite, client };
}
