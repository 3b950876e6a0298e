import type { SqlStatement } from './sql-client.js';

/**
 * One statement per expected-revision mode, each a single INSERT: no function call, no second
 * table. `UNIQUE (stream_name, revision)` is what makes concurrent writers of one stream exclusive:
 * the loser of a race waits for the winner's commit and then fails with a unique violation. An
 * append that inserts nothing (the expected revision is not the stream's last) fails the same way
 * as far as the caller is concerned; both are then told apart from a re-sent append by looking the
 * event ids up, off the fast path.
 *
 * Parameters: $1 stream, $2 category, $3 ids uuid[], $4 types text[], $5 data jsonb[],
 * $6 metadata jsonb[], and for an exact revision $7 the revision expected. The `single` variants
 * take $3…$6 as plain values: most appends carry one event, and skipping `unnest` and array
 * encoding is measurable at thousands of appends per second.
 */
const MANY = 'unnest($3::uuid[], $4::text[], $5::jsonb[], $6::jsonb[]) WITH ORDINALITY AS u(id, type, data, meta, ord)';
const ONE = '(SELECT $3::uuid AS id, $4::text AS type, $5::jsonb AS data, $6::jsonb AS meta, 1::bigint AS ord) u';
const INSERT = 'INSERT INTO events (event_id, stream_name, category, revision, event_type, data, metadata)';
const RETURNING = 'RETURNING revision::text AS revision, global_position::text AS global_position, transaction_id::text AS transaction_id';
const HEAD = 'WITH head AS (SELECT COALESCE(MAX(revision), -1) AS revision FROM events WHERE stream_name = $1)';

function appendStatementsFor(events: string, suffix: string) {
  return {
    no_stream: {
      name: `es_append_no_stream${suffix}`,
      text: `${INSERT} SELECT u.id, $1, $2, u.ord - 1, u.type, u.data, u.meta FROM ${events} ${RETURNING}`,
    },
    exact: {
      name: `es_append_exact${suffix}`,
      text: `${INSERT} SELECT u.id, $1, $2, $7::bigint + u.ord, u.type, u.data, u.meta FROM ${events}
        WHERE EXISTS (SELECT 1 FROM events WHERE stream_name = $1 AND revision = $7::bigint) ${RETURNING}`,
    },
    any: {
      name: `es_append_any${suffix}`,
      text: `${HEAD} ${INSERT} SELECT u.id, $1, $2, head.revision + u.ord, u.type, u.data, u.meta FROM head, ${events} ${RETURNING}`,
    },
    stream_exists: {
      name: `es_append_stream_exists${suffix}`,
      text: `${HEAD} ${INSERT} SELECT u.id, $1, $2, head.revision + u.ord, u.type, u.data, u.meta FROM head, ${events}
        WHERE head.revision >= 0 ${RETURNING}`,
    },
  } satisfies Record<string, SqlStatement>;
}

export type AppendMode = 'no_stream' | 'exact' | 'any' | 'stream_exists';

export const appendStatements = {
  many: appendStatementsFor(MANY, ''),
  single: appendStatementsFor(ONE, '_single'),
} satisfies Record<string, Record<AppendMode, SqlStatement>>;

export const streamRevisionStatement: SqlStatement = {
  name: 'es_stream_revision',
  text: 'SELECT MAX(revision)::text AS revision FROM events WHERE stream_name = $1',
};

/**
 * After an append inserted nothing, one round trip tells why: the stream's revision now, and which
 * of the append's ids are already stored (all of them: a re-sent append). $1 stream, $2 ids uuid[].
 */
export const failedAppendStatement: SqlStatement = {
  name: 'es_failed_append',
  text: `SELECT (SELECT MAX(revision)::text FROM events WHERE stream_name = $1) AS revision,
    (SELECT json_agg(json_build_array(e.stream_name, e.revision::text, e.global_position::text, e.transaction_id::text))
       FROM events e WHERE e.event_id = ANY($2::uuid[])) AS existing`,
};
