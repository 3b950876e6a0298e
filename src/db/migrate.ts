import type { Kysely } from 'kysely';
import { Migrator, type MigrationResultSet } from 'kysely/migration';
import { migrations } from '../../migrations/index.js';

/** Brings a database (Postgres or PGlite) to the latest schema; throws with the failing migration's error. */
export async function migrateToLatest(db: Kysely<unknown>, options: { schema?: string } = {}): Promise<MigrationResultSet> {
  // Kysely looks its bookkeeping tables up across schemas: name ours, or another schema's would be found.
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    // Migrations are numbered by area (0001 event store, 0020 jobs, 0040 HTTP, …): a database made
    // before a lower-numbered one was added must still take it.
    allowUnorderedMigrations: true,
    ...(options.schema !== undefined ? { migrationTableSchema: options.schema } : {}),
  });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${String(result.error instanceof Error ? result.error.message : result.error)}`, {
      cause: result.error,
    });
  }
  return result;
}
