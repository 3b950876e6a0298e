import { sql, type Kysely } from 'kysely';

/**
 * The in-process job queue's journal (src/workers/in-process): one row per job it still knows,
 * the whole record as JSON, so that jobs waiting, delayed or running when the process stopped run
 * after a restart, and dead letters stay listable. BullMQ keeps the same in Redis instead.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE job_journal (
      queue      text NOT NULL,
      id         text NOT NULL,
      state      text NOT NULL,
      record     jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (queue, id)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS job_journal`.execute(db);
}
