import { sql, type Kysely } from 'kysely';

/**
 * Mail the system would have sent, when no SMTP server is configured (src/workers/mailer): order
 * confirmed, shipped, refunded, low stock. `id` is derived from the event that caused the message,
 * so a job that runs twice writes one row; `seq` orders the admin listing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE outbox (
      seq        bigserial PRIMARY KEY,
      id         text NOT NULL UNIQUE,
      kind       text NOT NULL,
      recipient  text NOT NULL,
      subject    text NOT NULL,
      body       text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS outbox`.execute(db);
}
