import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { migrateToLatest } from '../../db/migrate.js';
import { createSqlEventStore } from '../sql/sql-event-store.js';
import type { EventStore } from '../types.js';

export interface PostgresEventStoreConfig {
  readonly connectionString: string;
  /** Pool size: one connection per concurrent append or read. */
  readonly maxConnections?: number;
  readonly pollIntervalMs?: number;
  /** Run migrations before use (default true). */
  readonly migrate?: boolean;
  /** A schema of its own (created if missing): lets tests and tenants share one database. */
  readonly schema?: string;
}

/** The event store on a PostgreSQL server through `pg`'s pool and Kysely. */
export async function createPostgresEventStore(config: PostgresEventStoreConfig): Promise<EventStore & { db: Kysely<unknown> }> {
  if (config.schema !== undefined) await createSchema(config.connectionString, config.schema);
  const pool = new pg.Pool({
    connectionString: config.connectionString,
    max: config.maxConnections ?? 20,
    ...(config.schema !== undefined ? { options: `-c search_path=${config.schema}` } : {}),
  });
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
  if (config.migrate ?? true) await migrateToLatest(db, config.schema !== undefined ? { schema: config.schema } : {});
  const store = createSqlEventStore(db, {
    kind: 'postgres',
    pollIntervalMs: config.pollIntervalMs ?? 100,
    onClose: () => db.destroy(),
  });
  return { ...store, db };
}

async function createSchema(connectionString: string, schema: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name ${JSON.stringify(schema)}`);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  } finally {
    await client.end();
  }
}
