import { sql, type Kysely } from 'kysely';

/**
 * The event store: one table.
 *
 * Global order is `(transaction_id, global_position)`: readers see only transactions below the
 * oldest one still running (`pg_snapshot_xmin`), so a transaction that took a lower sequence
 * number but commits later can never be skipped by a reader that already moved past it.
 *
 * `UNIQUE (stream_name, revision)` is the optimistic concurrency check (see
 * src/eventstore/sql/append-statements.ts) and `UNIQUE (event_id)` makes re-sent appends harmless.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE events (
      transaction_id  xid8 NOT NULL DEFAULT pg_current_xact_id(),
      global_position bigint GENERATED ALWAYS AS IDENTITY,
      event_id        uuid NOT NULL,
      stream_name     text NOT NULL,
      category        text NOT NULL,
      revision        bigint NOT NULL,
      event_type      text NOT NULL,
      data            jsonb NOT NULL,
      metadata        jsonb NOT NULL DEFAULT '{}'::jsonb,
      recorded_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
      PRIMARY KEY (transaction_id, global_position)
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX events_stream_revision ON events (stream_name, revision)`.execute(db);
  await sql`CREATE UNIQUE INDEX events_event_id ON events (event_id)`.execute(db);
  // Projections that follow a few categories catch up without scanning the others.
  await sql`CREATE INDEX events_category_position ON events (category, transaction_id, global_position)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS events`.execute(db);
}
