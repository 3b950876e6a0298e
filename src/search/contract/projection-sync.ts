import { formatPosition } from '../../eventstore/position.js';
import type { Position } from '../../eventstore/types.js';
import type { RunningProjection } from '../../projections/runner/run-sql-projection.js';

/**
 * Read-your-writes for tests: resolves once the projection reflects everything up to the last
 * position the catalog's commands wrote. (Polling the log instead is not enough: a reader sees an
 * append only once every older transaction in the database has ended, and other tests' are running.)
 */
export async function waitForProjection(running: RunningProjection, position: Position | undefined, timeoutMs = 30_000): Promise<void> {
  if (!position) return;
  if (await running.waitFor(position, timeoutMs)) return;
  const status = running.status();
  throw new Error(`projection ${status.name} did not pass ${formatPosition(position)} within ${timeoutMs} ms (${status.state}${status.lastError ? `: ${status.lastError}` : ''})`);
}
