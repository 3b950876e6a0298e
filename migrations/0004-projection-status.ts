import { sql, type Kysely } from 'kysely';

/**
 * What each projection's active runner last reported: its state and last error. Only the runner
 * holding the projection's lock writes here, so another process (the CLI) can show a failure that
 * happened in the server. Whether that runner is still alive is the lock's business, not this row's.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE projection_status (
      name          text PRIMARY KEY,
      state         text NOT NULL,
      last_error    text,
      last_error_at timestamptz,
      owner         text NOT NULL,
      updated_at    timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS projection_status`.execute(db);
}
