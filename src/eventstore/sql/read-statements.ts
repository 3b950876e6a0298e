import type { SqlStatement } from './sql-client.js';

/**
 * Reads return one row holding the whole page as a JSON array of arrays: one JSON.parse per page
 * instead of per-column parsing per row is what lets a catch-up run at the database's speed.
 * Each element: [transaction_id, global_position, event_id, stream_name, revision, event_type,
 * data, metadata, recorded_at as epoch milliseconds].
 */
export type PackedEvent = [string, string, string, string, string, string, unknown, Record<string, unknown>, number];

const PACK =
  'json_build_array(e.transaction_id::text, e.global_position::text, e.event_id, e.stream_name, e.revision::text, ' +
  'e.event_type, e.data, e.metadata, (extract(epoch FROM e.recorded_at) * 1000)::float8)';

/** Only transactions older than every running one: nothing can later commit below what a reader saw. */
const VISIBLE = 'e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())';
const AFTER = '(e.transaction_id, e.global_position) > ($1::xid8, $2::bigint)';
const TYPES = '($4::text[] IS NULL OR e.event_type = ANY($4::text[]))';
const ORDER = 'ORDER BY e.transaction_id, e.global_position';

/**
 * `category = ANY(...)` would make the planner fetch every matching row and sort them, per page.
 * One ordered index range per category, merged, keeps a page's cost proportional to its size.
 * Parameters: $1 commit, $2 prepare, $3 limit, $4 event types or null, $5… categories.
 */
export function readAllStatement(categoryCount: number): SqlStatement {
  const range = (categoryFilter: string) =>
    `SELECT e.* FROM events e WHERE ${AFTER} AND ${VISIBLE} ${categoryFilter} AND ${TYPES} ${ORDER} LIMIT $3`;
  const source =
    categoryCount === 0
      ? range('')
      : Array.from({ length: categoryCount }, (_, i) => `(${range(`AND e.category = $${5 + i}`)})`).join(' UNION ALL ');
  const limit = categoryCount > 1 ? `${ORDER} LIMIT $3` : '';
  return {
    name: `es_read_all_${categoryCount}`,
    text: `SELECT COALESCE(json_agg(${PACK} ${ORDER}), '[]'::json) AS page FROM (SELECT * FROM (${source}) e ${limit}) e`,
  };
}

/** Parameters: $1 stream, $2 from revision (inclusive), $3 limit. */
export const readStreamStatements = {
  forwards: {
    name: 'es_read_stream_forwards',
    text: `SELECT COALESCE(json_agg(${PACK} ORDER BY e.revision), '[]'::json) AS page FROM (
      SELECT * FROM events e WHERE e.stream_name = $1 AND e.revision >= $2::bigint ORDER BY e.revision LIMIT $3) e`,
  },
  backwards: {
    name: 'es_read_stream_backwards',
    text: `SELECT COALESCE(json_agg(${PACK} ORDER BY e.revision DESC), '[]'::json) AS page FROM (
      SELECT * FROM events e WHERE e.stream_name = $1 AND e.revision <= $2::bigint ORDER BY e.revision DESC LIMIT $3) e`,
  },
} satisfies Record<string, SqlStatement>;

export const headPositionStatement: SqlStatement = {
  name: 'es_head_position',
  text: `SELECT e.transaction_id::text AS transaction_id, e.global_position::text AS global_position FROM events e
    WHERE ${VISIBLE} ORDER BY e.transaction_id DESC, e.global_position DESC LIMIT 1`,
};
