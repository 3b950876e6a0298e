import { sql, type Kysely } from 'kysely';

/** The generations of each projection's tables: which one readers see, which one is being built. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE projection_generations (
      name        text NOT NULL,
      generation  integer NOT NULL,
      version     integer NOT NULL,
      state       text NOT NULL CHECK (state IN ('building', 'live', 'retired')),
      created_at  timestamptz NOT NULL DEFAULT now(),
      switched_at timestamptz,
      PRIMARY KEY (name, generation)
    )`.execute(db);
  // At most one live generation per projection.
  await sql`CREATE UNIQUE INDEX projection_generations_live ON projection_generations (name) WHERE state = 'live'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS projection_generations`.execute(db);
}
