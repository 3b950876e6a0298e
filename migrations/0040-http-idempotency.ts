import { sql, type Kysely } from 'kysely';

/**
 * Answers to requests sent with an `Idempotency-Key`: a replay returns the stored answer. `scope` is
 * who asked and where (principal, method, path), so one client's key never meets another's.
 * `status_code` is NULL while the first request is still running.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE http_idempotency (
      scope         text NOT NULL,
      key           text NOT NULL,
      request_hash  text NOT NULL,
      status_code   integer,
      content_type  text,
      body          text,
      created_at    timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (scope, key)
    )`.execute(db);
  await sql`CREATE INDEX http_idempotency_created_at ON http_idempotency (created_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS http_idempotency`.execute(db);
}
