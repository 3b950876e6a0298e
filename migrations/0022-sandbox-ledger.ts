import { sql, type Kysely } from 'kysely';

/**
 * The sandbox payment gateway's "bank" in the database (src/payments/sandbox/sql-sandbox-ledger.ts),
 * so that a card tokenized by the API process is known to the worker process that authorizes it,
 * and idempotency keys hold across processes and restarts. Values are the ledger's records as JSON.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE sandbox_cards (token text PRIMARY KEY, card jsonb NOT NULL)`.execute(db);
  await sql`CREATE TABLE sandbox_idempotency (idempotency_key text PRIMARY KEY, record jsonb NOT NULL)`.execute(db);
  await sql`
    CREATE TABLE sandbox_authorizations (
      authorization_id text PRIMARY KEY,
      order_id         text NOT NULL,
      record           jsonb NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX sandbox_authorizations_order ON sandbox_authorizations (order_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS sandbox_authorizations`.execute(db);
  await sql`DROP TABLE IF EXISTS sandbox_idempotency`.execute(db);
  await sql`DROP TABLE IF EXISTS sandbox_cards`.execute(db);
}
