import { sql, type Kysely } from 'kysely';

/**
 * Each generation remembers the logical tables it was built with: a new version may drop or
 * rename a table, and the retired generation's copies must still be found to be dropped.
 * `dropped_at` marks a retired generation whose tables are gone (the row stays as history).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE projection_generations ADD COLUMN tables text[]`.execute(db);
  await sql`ALTER TABLE projection_generations ADD COLUMN dropped_at timestamptz`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE projection_generations DROP COLUMN IF EXISTS dropped_at`.execute(db);
  await sql`ALTER TABLE projection_generations DROP COLUMN IF EXISTS tables`.execute(db);
}
