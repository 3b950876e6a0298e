import { sql, type Kysely } from 'kysely';

/**
 * Per-customer data keys for crypto-shredding (src/eventstore/pii). `data_key` is the key wrapped
 * with the master key (`wk:v1:…`); erasure sets it to NULL and stamps `destroyed_at`, keeping the row
 * as a tombstone so that no new key is ever created for an erased customer.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE customer_keys (
      customer_id  text PRIMARY KEY,
      data_key     text,
      created_at   timestamptz NOT NULL DEFAULT now(),
      destroyed_at timestamptz,
      CONSTRAINT customer_keys_destroyed_has_no_key CHECK ((data_key IS NULL) = (destroyed_at IS NOT NULL))
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS customer_keys`.execute(db);
}
