import { sql, type Kysely } from 'kysely';

/** Active stock reservations by deadline: what the expiry sweep reads (projection `reservation-deadlines`). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE reservation_deadlines (
      reservation_id text PRIMARY KEY,
      sku            text NOT NULL,
      order_id       text NOT NULL,
      quantity       integer NOT NULL,
      expires_at     timestamptz NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX reservation_deadlines_expires_at ON reservation_deadlines (expires_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS reservation_deadlines`.execute(db);
}
