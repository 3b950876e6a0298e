import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { migrateToLatest } from '../../db/migrate.js';
import { createSqlEventStore } from '../sql/sql-event-store.js';
import type { SqlClient, SqlStatement } from '../sql/sql-client.js';
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
export async function createPostgresEventStore(config: PostgresEventStoreConfig): Promise<EventStore & { db: Kysely<unknown>; client: SqlClient }> {
  if (config.schema !== undefined) await createSchema(config.connectionString, config.schema);
  const pool = new pg.Pool({
    connectionString: config.connectionString,
    max: config.maxConnections ?? 20,
    ...(config.schema !== undefined ? { options: `-c search_path=${config.schema}` } : {}),
  });
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
  if (config.migrate ?? true) await migrateToLatest(db, config.schema !== undefined ? { schema: config.schema } : {});
  const client: SqlClient = {
    // Named: pg prepares each statement once per connection and reuses the plan.
    query: async <Row>(statement: SqlStatement, values: readonly unknown[]) =>
      (await pool.query({ name: statement.name, text: statement.text, values: [...values] })).rows as Row[],
  };
  const store = createSqlEventStore(client, {
    kind: 'postgres',
    pollIntervalMs: config.pollIntervalMs ?? 100,
    onClose: () => db.destroy(),
  });
  return { ...store, db, client };
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
