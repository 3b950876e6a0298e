import { comparePositions } from '../../eventstore/position.js';
import type { EventStore, Position } from '../../eventstore/types.js';
import { loadCheckpoint } from '../checkpoints/generation-checkpoint.js';
import { checkpointNameFor, liveGeneration } from './generations.js';
import type { ProjectionDb, SqlProjection } from './sql-projection.js';

/**
 * Whether the live generation already reflects everything up to `position`, from the database
 * alone: for a process whose own runner is not the active one. Its checkpoint is at or past the
 * position, or no matching event lies between the checkpoint and the position while the position
 * is visible (the head, read first, is at or past it).
 */
export async function hasPassed(store: EventStore, db: ProjectionDb, projection: SqlProjection, position: Position): Promise<boolean> {
  const live = await liveGeneration(db, projection.name);
  if (!live) return false;
  const checkpoint = await loadCheckpoint(db, checkpointNameFor(projection, live.generation));
  if (checkpoint && comparePositions(checkpoint, position) >= 0) return true;
  const head = await store.headPosition();
  if (!head || comparePositions(head, position) < 0) return false;
  const start = !checkpoint || (checkpoint.commit === 0n && checkpoint.prepare === 0n);
  const [next] = await store.readAll({ ...(start ? {} : { after: checkpoint }), filter: projection.filter, maxCount: 1 });
  return !next || comparePositions(next.position, position) > 0;
}
