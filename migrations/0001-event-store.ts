import { sql, type Kysely } from 'kysely';

/**
 * The event store's tables and its append function.
 *
 * Global order is `(transaction_id, global_position)`: readers see only transactions below the
 * oldest one still running (`pg_snapshot_xmin`), so a transaction that took a lower sequence
 * number but commits later can never be skipped by a reader that already moved past it.
 *
 * Appending is one round trip: `append_to_stream` checks the expected revision against the
 * `streams` row (its row lock serialises concurrent writers of one stream; in READ COMMITTED the
 * loser re-checks the row after the winner commits and reports a conflict), recognises a re-sent
 * append by its event ids, and inserts the events.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE streams (
      stream_name text PRIMARY KEY,
      category    text NOT NULL,
      revision    bigint NOT NULL,
      created_at  timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

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

  await sql.raw(APPEND_REPEAT_FUNCTION).execute(db);
  await sql.raw(APPEND_FUNCTION).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP FUNCTION IF EXISTS append_to_stream(text, text, text, jsonb)`.execute(db);
  await sql`DROP FUNCTION IF EXISTS append_to_stream_repeat(text, uuid[], int, int)`.execute(db);
  await sql`DROP TABLE IF EXISTS events`.execute(db);
  await sql`DROP TABLE IF EXISTS streams`.execute(db);
}

// status: 'ok' | 'conflict' | 'duplicate' | 'partial_duplicate'
const APPEND_FUNCTION = `
CREATE FUNCTION append_to_stream(p_stream text, p_category text, p_expected text, p_events jsonb)
RETURNS TABLE (status text, actual_revision bigint, last_revision bigint, tx text, last_position bigint)
LANGUAGE plpgsql AS $$
DECLARE
  v_count    int := jsonb_array_length(p_events);
  v_previous bigint;
  v_ids      uuid[];
  v_found    int;
BEGIN
  SELECT array_agg((e->>'id')::uuid) INTO v_ids FROM jsonb_array_elements(p_events) AS e;

  -- A re-sent append: every id is already in this stream. Answer as the first time.
  SELECT count(*)::int INTO v_found FROM events WHERE event_id = ANY (v_ids);
  IF v_found > 0 THEN
    RETURN QUERY SELECT * FROM append_to_stream_repeat(p_stream, v_ids, v_found, v_count);
    RETURN;
  END IF;

  IF p_expected = 'no_stream' THEN
    INSERT INTO streams (stream_name, category, revision) VALUES (p_stream, p_category, v_count - 1)
      ON CONFLICT (stream_name) DO NOTHING;
    IF NOT FOUND THEN
      v_previous := NULL;
    ELSE
      v_previous := -1;
    END IF;
  ELSIF p_expected = 'any' THEN
    INSERT INTO streams AS s (stream_name, category, revision) VALUES (p_stream, p_category, v_count - 1)
      ON CONFLICT (stream_name) DO UPDATE SET revision = s.revision + v_count
      RETURNING s.revision - v_count INTO v_previous;
  ELSIF p_expected = 'stream_exists' THEN
    UPDATE streams SET revision = revision + v_count WHERE stream_name = p_stream
      RETURNING revision - v_count INTO v_previous;
  ELSE
    UPDATE streams SET revision = revision + v_count
      WHERE stream_name = p_stream AND revision = p_expected::bigint
      RETURNING revision - v_count INTO v_previous;
  END IF;

  IF v_previous IS NULL THEN
    -- Lost the race, or a wrong expectation. The winner may have been this very append sent twice.
    SELECT count(*)::int INTO v_found FROM events WHERE event_id = ANY (v_ids);
    IF v_found > 0 THEN
      RETURN QUERY SELECT * FROM append_to_stream_repeat(p_stream, v_ids, v_found, v_count);
      RETURN;
    END IF;
    RETURN QUERY SELECT 'conflict'::text, (SELECT s.revision FROM streams s WHERE s.stream_name = p_stream),
      NULL::bigint, NULL::text, NULL::bigint;
    RETURN;
  END IF;

  RETURN QUERY
  WITH inserted AS (
    INSERT INTO events (event_id, stream_name, category, revision, event_type, data, metadata)
    SELECT (e->>'id')::uuid, p_stream, p_category, v_previous + t.ord, e->>'type', e->'data',
           COALESCE(e->'metadata', '{}'::jsonb)
    FROM jsonb_array_elements(p_events) WITH ORDINALITY AS t(e, ord)
    RETURNING global_position
  )
  SELECT 'ok'::text, NULL::bigint, v_previous + v_count, pg_current_xact_id()::text, max(global_position)
  FROM inserted;
END
$$`;

/** The answer to a re-sent append: the revision and position its events got the first time. */
const APPEND_REPEAT_FUNCTION = `
CREATE FUNCTION append_to_stream_repeat(p_stream text, p_ids uuid[], p_found int, p_count int)
RETURNS TABLE (status text, actual_revision bigint, last_revision bigint, tx text, last_position bigint)
LANGUAGE sql AS $$
  SELECT CASE WHEN p_found = p_count AND count(*) = p_count THEN 'duplicate' ELSE 'partial_duplicate' END,
         NULL::bigint, max(e.revision),
         (array_agg(e.transaction_id::text ORDER BY e.revision DESC))[1],
         (array_agg(e.global_position ORDER BY e.revision DESC))[1]
  FROM events e WHERE e.event_id = ANY (p_ids) AND e.stream_name = p_stream
$$;
`;
