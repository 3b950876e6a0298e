import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.js';
import { migrateToLatest } from './migrate.js';

/**
 * The database for read models and checkpoints when the events live elsewhere (EventStoreDB):
 * `DATABASE_URL` when set, otherwise an embedded PGlite under `DATA_DIR/readmodels`.
 */
export async function createReadModelDb(config: Config): Promise<Kysely<unknown>> {
  let db: Kysely<unknown>;
  if (config.DATABASE_URL) {
    db = new Kysely({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: config.DATABASE_URL, max: 10 }) }) });
  } else {
    const dir = path.resolve(config.DATA_DIR, 'readmodels');
    await mkdir(dir, { recursive: true });
    // Loaded only here: PGlite costs a Postgres-only process ~75 MB just by being imported.
    const { PGlite } = await import('@electric-sql/pglite');
    const { pgliteExtensions } = await import('./pglite-extensions.js');
    db = new Kysely({ dialect: new PGliteDialect({ pglite: await PGlite.create(dir, { extensions: pgliteExtensions }) }) });
  }
  await migrateToLatest(db);
  return db;
}
