import { sql, type Kysely } from 'kysely';

/**
 * Which customer account an outbox message was written to, so that erasing the customer deletes
 * their messages too (the outbox holds their email address in clear). NULL for guests' messages.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE outbox ADD COLUMN customer_id text`.execute(db);
  await sql`CREATE INDEX outbox_customer_id ON outbox (customer_id) WHERE customer_id IS NOT NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE outbox DROP COLUMN IF EXISTS customer_id`.execute(db);
}
