import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { createPostgresProjectionLock } from './postgres-projection-lock.js';
import { inProcessLockFor, isSingleConnectionDb, type ProjectionLock } from './projection-lock.js';

/**
 * The lock for projections on `db`: PGlite is one process, so in-process; a Postgres server is
 * shared, so advisory locks on their own connections to `connectionString` (the URL `db` was
 * opened with: a Kysely instance does not tell its connection settings).
 */
export function chooseProjectionLock(db: Kysely<unknown>, connectionString: string | undefined, logger?: Logger): ProjectionLock {
  if (isSingleConnectionDb(db) || !connectionString) return inProcessLockFor(db);
  return createPostgresProjectionLock({ connectionString, ...(logger ? { logger } : {}) });
}
