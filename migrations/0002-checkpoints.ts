import { sql, type Kysely } from 'kysely';

/**
 * Where subscribers (projections, process managers) keep their place in the global log. A
 * projection that writes Postgres updates its row in the same transaction as its read model.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE subscription_checkpoints (
      name        text PRIMARY KEY,
      commit_position  xid8 NOT NULL,
      prepare_position bigint NOT NULL,
      updated_at  timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS subscription_checkpoints`.execute(db);
}
