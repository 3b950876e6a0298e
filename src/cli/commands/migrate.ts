import { sql, type Kysely } from 'kysely';
import type { Config } from '../../config.js';
import { createReadModelDb } from '../../db/create-read-model-db.js';
import { createEventStore } from '../../eventstore/create-event-store.js';

export interface MigrateResult {
  /** Every migration the database has, in order. */
  readonly applied: readonly string[];
  /** Those this run applied. */
  readonly appliedNow: readonly string[];
}

/**
 * Brings the configured database to the latest schema. Opening the store (and the read-model
 * database, for EventStoreDB) migrates it, exactly as the server does at start; this reads back
 * what the database now has and which of those this run added.
 */
export async function migrate(config: Config): Promise<MigrateResult> {
  const started = new Date();
  const opened = await createEventStore(config);
  const db = opened.db ?? (await createReadModelDb(config));
  try {
    return await appliedMigrations(db, started);
  } finally {
    if (!opened.db) await db.destroy();
    await opened.store.close();
  }
}

async function appliedMigrations(db: Kysely<unknown>, since: Date): Promise<MigrateResult> {
  // Kysely's own bookkeeping table: `timestamp` is an ISO string of when each ran.
  const result = await sql<{ name: string; timestamp: string }>`SELECT name, timestamp FROM kysely_migration ORDER BY name`.execute(db);
  return {
    applied: result.rows.map((r) => r.name),
    appliedNow: result.rows.filter((r) => new Date(r.timestamp) >= since).map((r) => r.name),
  };
}

export function migrateSummary(result: MigrateResult): string {
  const latest = result.applied.at(-1) ?? 'nothing';
  if (result.appliedNow.length === 0) return `database is up to date at ${latest} (${result.applied.length} migrations)`;
  return `applied ${result.appliedNow.join(', ')}; database is at ${latest} (${result.applied.length} migrations)`;
}
