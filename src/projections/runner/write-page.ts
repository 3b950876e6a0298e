import { sql } from 'kysely';
import { comparePositions } from '../../eventstore/position.js';
import type { Position, RecordedEvent } from '../../eventstore/types.js';
import { advanceCheckpoint } from '../checkpoints/generation-checkpoint.js';
import { assertGeneration, checkpointNameFor, namerFor, type GenerationState } from './generations.js';
import type { ProjectionDb, SqlProjection } from './sql-projection.js';

export interface PageTarget {
  readonly projection: SqlProjection;
  readonly generation: number;
  /** 'live' for the runner, 'building' for a rebuild: a page for a generation in another state is refused. */
  readonly state: GenerationState;
}

/**
 * One transaction per page: the generation is still the one we write (held against a switch), the
 * checkpoint moves from where we left it (or another runner got there first), then the read model
 * changes. All or nothing, so whatever crashes, every event takes effect exactly once.
 * Never call the event store inside: on PGlite a transaction holds the only connection.
 */
export async function writePage(db: ProjectionDb, target: PageTarget, from: Position, events: readonly RecordedEvent[]): Promise<Position> {
  const to = events.at(-1)!.position;
  const { projection, generation } = target;
  // A page that does not start after the checkpoint would apply events twice: a bug, never data.
  if (comparePositions(events[0]!.position, from) <= 0) throw new Error(`page of ${projection.name} does not follow its checkpoint`);
  await db.transaction().execute(async (trx) => {
    // No waiting for the WAL flush: a crash can only lose whole pages together with their
    // checkpoint (the log is replayed in order), and those are simply applied again.
    await sql`SET LOCAL synchronous_commit = off`.execute(trx);
    await assertGeneration(trx, projection.name, generation, target.state);
    await advanceCheckpoint(trx, checkpointNameFor(projection, generation), from, to);
    await projection.apply(trx, events, namerFor(generation));
  });
  return to;
}
