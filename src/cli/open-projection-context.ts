import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { createReadModelDb } from '../db/create-read-model-db.js';
import { createEventStore } from '../eventstore/create-event-store.js';
import type { EventStore } from '../eventstore/types.js';
import { chooseProjectionLock } from '../projections/runner/choose-projection-lock.js';
import type { ProjectionLock } from '../projections/runner/projection-lock.js';

export interface ProjectionContext {
  readonly store: EventStore;
  readonly db: Kysely<unknown>;
  readonly lock: ProjectionLock;
  close(): Promise<void>;
}

/**
 * The store, read-model database and lock the server uses, opened the same way as
 * `startSystem` does (and migrated on open, as there). On the embedded PGlite store only one
 * process may open the data directory: stop the server before running these commands.
 */
export async function openProjectionContext(config: Config, logger: Logger): Promise<ProjectionContext> {
  const opened = await createEventStore(config);
  const db = opened.db ?? (await createReadModelDb(config));
  return {
    store: opened.store,
    db,
    lock: chooseProjectionLock(db, config.DATABASE_URL, logger),
    async close() {
      if (!opened.db) await db.destroy();
      await opened.store.close();
    },
  };
}
