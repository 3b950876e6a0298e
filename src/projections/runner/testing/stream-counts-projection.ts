import { sql } from 'kysely';
import type { ReadAllFilter } from '../../../eventstore/types.js';
import type { SqlProjection } from '../sql-projection.js';

export interface StreamCountsOptions {
  /** Projection name; its tables are `<prefix>_streams` and `<prefix>_totals`. */
  readonly name: string;
  readonly prefix?: string;
  readonly filter: ReadAllFilter;
  readonly version?: number;
  /** What each event adds to its stream's count: lets a "new version" change the model's meaning. */
  readonly weight?: number;
}

/**
 * A small projection for the runner's own tests and benchmark: events per stream, plus a totals
 * row that must always equal the sum over streams (a reader that ever sees them disagree has seen
 * half of a page or a mix of generations). `last_revision` makes a duplicate or a gap visible.
 * Set-based: one upsert per page whatever its size, as a batched projection should be.
 */
export function streamCountsProjection(options: StreamCountsOptions): SqlProjection {
  const prefix = options.prefix ?? options.name.replaceAll('-', '_');
  const weight = options.weight ?? 1;
  const streams = `${prefix}_streams`;
  const totals = `${prefix}_totals`;
  return {
    name: options.name,
    version: options.version ?? 1,
    filter: options.filter,
    tables: [streams, totals],
    async createTables(db, t) {
      await sql`
        CREATE TABLE ${sql.id(t(streams))} (
          stream_name   text PRIMARY KEY,
          events        bigint NOT NULL,
          last_revision bigint NOT NULL
        )`.execute(db);
      await sql`CREATE TABLE ${sql.id(t(totals))} (id integer PRIMARY KEY, events bigint NOT NULL, streams bigint NOT NULL)`.execute(db);
      await sql`INSERT INTO ${sql.id(t(totals))} (id, events, streams) VALUES (1, 0, 0)`.execute(db);
    },
    async apply(trx, events, t) {
      const perStream = new Map<string, { events: number; lastRevision: bigint }>();
      for (const event of events) {
        const entry = perStream.get(event.streamName) ?? { events: 0, lastRevision: -1n };
        entry.events += weight;
        entry.lastRevision = event.revision;
        perStream.set(event.streamName, entry);
      }
      const names = [...perStream.keys()];
      const counts = names.map((n) => String(perStream.get(n)!.events));
      const revisions = names.map((n) => perStream.get(n)!.lastRevision.toString());
      // xmax = 0 only on a freshly inserted row: how many streams are new in this page.
      const upserted = await sql<{ inserted: boolean }>`
        INSERT INTO ${sql.id(t(streams))} AS s (stream_name, events, last_revision)
        SELECT * FROM unnest(${names}::text[], ${counts}::bigint[], ${revisions}::bigint[])
        ON CONFLICT (stream_name) DO UPDATE SET events = s.events + excluded.events, last_revision = excluded.last_revision
        RETURNING (xmax = 0) AS inserted`.execute(trx);
      const newStreams = upserted.rows.filter((r) => r.inserted).length;
      await sql`
        UPDATE ${sql.id(t(totals))} SET events = events + ${events.length * weight}, streams = streams + ${newStreams}
        WHERE id = 1`.execute(trx);
    },
  };
}
