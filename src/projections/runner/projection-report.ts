import type { EventStore, Position } from '../../eventstore/types.js';
import { loadCheckpoint } from '../checkpoints/generation-checkpoint.js';
import { countEvents } from './count-events.js';
import { buildingGeneration, checkpointNameFor, liveGeneration } from './generations.js';
import type { ProjectionLock } from './projection-lock.js';
import { runnerLockKey, type ProjectionState, type ProjectionStatus } from './projection-status.js';
import type { ProjectionDb, SqlProjection } from './sql-projection.js';
import { readStatus } from './status-store.js';

/** Lag counts stop here: beyond it the exact number does not change what an operator does. */
export const defaultLagLimit = 100_000;

export interface ProjectionReport {
  readonly name: string;
  /** The code's version, and the live generation's (they differ until a rebuild switches). */
  readonly version: number;
  readonly liveVersion: number | undefined;
  readonly generation: number | undefined;
  /** 'not-running': the stored state says active but no process holds the lock; 'never-started': nothing built yet. */
  readonly state: ProjectionState | 'not-running' | 'never-started';
  readonly checkpoint: Position | undefined;
  readonly head: Position | undefined;
  /** Matching events after the checkpoint, counted up to a limit (`lagEventsCapped`: at least this many). */
  readonly lagEvents: number;
  readonly lagEventsCapped: boolean;
  /** How long the oldest matching event not yet applied has been waiting (0 when caught up). */
  readonly lagSeconds: number;
  readonly lastError: string | undefined;
  readonly lastErrorAt: Date | undefined;
  /** Which process last reported (host:pid), and when. */
  readonly owner: string | undefined;
  readonly updatedAt: Date | undefined;
  /** A generation being built beside the live one (a rebuild running or interrupted). */
  readonly building: { readonly generation: number; readonly version: number; readonly remaining: number; readonly remainingCapped: boolean } | undefined;
}

const activeStates: ReadonlySet<string> = new Set(['starting', 'catching-up', 'live']);

export interface InspectOptions {
  /** Tells whether some process still holds the runner lock (a stored 'live' of a dead process is stale). */
  readonly lock?: ProjectionLock;
  /** The in-process runner's own view, when there is one: fresher than the stored row. */
  readonly runtime?: ProjectionStatus;
  readonly lagLimit?: number;
  readonly now?: () => Date;
}

/** Status of one projection from the database and the store: what `projections status` prints. */
export async function inspectProjection(store: EventStore, db: ProjectionDb, projection: SqlProjection, options: InspectOptions = {}): Promise<ProjectionReport> {
  const lagLimit = options.lagLimit ?? defaultLagLimit;
  const now = options.now ?? (() => new Date());
  const [live, building, stored, head] = await Promise.all([
    liveGeneration(db, projection.name),
    buildingGeneration(db, projection.name),
    readStatus(db, projection.name),
    store.headPosition(),
  ]);
  const checkpoint = live ? await loadCheckpoint(db, checkpointNameFor(projection, live.generation)) : undefined;
  const filter = projection.filter;
  const started = checkpoint && (checkpoint.commit !== 0n || checkpoint.prepare !== 0n) ? checkpoint : undefined;
  const [lag, [oldestPending]] = await Promise.all([
    live ? countEvents(store, db, filter, started, lagLimit) : undefined,
    live ? store.readAll({ ...(started ? { after: started } : {}), filter, maxCount: 1 }) : [],
  ]);

  let remaining: { count: number; capped: boolean } | undefined;
  if (building) {
    const from = await loadCheckpoint(db, checkpointNameFor(projection, building.generation));
    remaining = await countEvents(store, db, filter, from, lagLimit);
  }

  let state: ProjectionReport['state'] = options.runtime?.state ?? stored?.state ?? (live ? 'not-running' : 'never-started');
  if (!options.runtime && stored && activeStates.has(stored.state) && options.lock?.crossProcess) {
    if (!(await options.lock.isHeld(runnerLockKey(projection.name)))) state = 'not-running';
  }

  return {
    name: projection.name,
    version: projection.version,
    liveVersion: live?.version,
    generation: live?.generation,
    state,
    checkpoint,
    head,
    lagEvents: lag?.count ?? 0,
    lagEventsCapped: lag?.capped ?? false,
    lagSeconds: oldestPending ? Math.max(0, (now().getTime() - oldestPending.recordedAt.getTime()) / 1000) : 0,
    lastError: options.runtime ? options.runtime.lastError : (stored?.lastError ?? undefined),
    lastErrorAt: stored?.lastErrorAt ?? undefined,
    owner: stored?.owner,
    updatedAt: stored?.updatedAt,
    building: building
      ? { generation: building.generation, version: building.version, remaining: remaining?.count ?? 0, remainingCapped: remaining?.capped ?? false }
      : undefined,
  };
}
