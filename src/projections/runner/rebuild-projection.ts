import type { Logger } from 'pino';
import type { EventStore, Position } from '../../eventstore/types.js';
import { beforeFirstEvent, CheckpointMovedError, loadCheckpoint } from '../checkpoints/generation-checkpoint.js';
import { countEvents } from './count-events.js';
import { dropUnusedGenerations } from './generation-cleanup.js';
import { switchToGeneration } from './generation-switch.js';
import { buildingGeneration, checkpointNameFor, createGeneration, GenerationChangedError, liveGeneration, type Generation } from './generations.js';
import { createLogReader, type LogPage } from './log-reader.js';
import { inProcessLockFor, type ProjectionLock } from './projection-lock.js';
import { rebuildLockKey, type RebuildProgress } from './projection-status.js';
import { defaultRetryPolicy, errorMessage, type RetryPolicy } from './retry-policy.js';
import { sleep, yieldToEventLoop } from './sleep.js';
import type { ProjectionDb, SqlProjection } from './sql-projection.js';
import { writePage, type PageTarget } from './write-page.js';

export interface RebuildOptions {
  readonly onProgress?: (progress: RebuildProgress) => void;
  /** The same lock the runners use (default: in-process, right for PGlite). */
  readonly lock?: ProjectionLock;
  /** Events per page and transaction (default 2,000: a rebuild is throughput, not latency). */
  readonly batchSize?: number;
  readonly signal?: AbortSignal;
  readonly logger?: Logger;
  /** Wait for a rebuild of the same projection running elsewhere instead of failing at once. */
  readonly wait?: boolean;
  /** 'always' (default), or only when the live generation's version is not the code's (what a runner does at start). */
  readonly when?: 'always' | 'version-changed';
  readonly retry?: RetryPolicy;
}

export interface RebuildResult {
  readonly rebuilt: boolean;
  /** The generation now live. */
  readonly generation: number | undefined;
  /** The generation it replaced (now dropped), if there was one. */
  readonly previous: number | undefined;
  readonly events: number;
  readonly seconds: number;
}

export class RebuildInProgressError extends Error {
  override readonly name = 'RebuildInProgressError';
  constructor(readonly projection: string) {
    super(`a rebuild of ${projection} is already running`);
  }
}

/**
 * Blue/green rebuild: builds generation n+1 beside the live one from the start of the log, with
 * its own checkpoint, while the live generation keeps serving (and keeps being updated by its
 * runner). Once the new one has caught up, one transaction re-points the views and retires the old
 * one (see `switchToGeneration`), whose tables are then dropped.
 *
 * A build interrupted (crash, stop, lost lock) is resumed from its checkpoint by the next rebuild
 * of the same version; one of another version is discarded.
 */
export async function rebuildProjection(
  store: EventStore,
  db: ProjectionDb,
  projection: SqlProjection,
  options: RebuildOptions = {},
): Promise<RebuildResult> {
  const lock = options.lock ?? inProcessLockFor(db);
  const held = await lock.acquire(rebuildLockKey(projection.name), {
    wait: options.wait ?? false,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if (!held) {
    options.signal?.throwIfAborted();
    throw new RebuildInProgressError(projection.name);
  }
  try {
    const signal = options.signal ? AbortSignal.any([options.signal, held.lost]) : held.lost;
    return await rebuildHoldingLock(store, db, projection, options, signal);
  } finally {
    await held.release();
  }
}

async function rebuildHoldingLock(
  store: EventStore,
  db: ProjectionDb,
  projection: SqlProjection,
  options: RebuildOptions,
  signal: AbortSignal,
): Promise<RebuildResult> {
  const log = options.logger?.child({ projection: projection.name });
  const live = await liveGeneration(db, projection.name);
  if (options.when === 'version-changed' && live?.version === projection.version) {
    return { rebuilt: false, generation: live.generation, previous: undefined, events: 0, seconds: 0 };
  }
  await dropUnusedGenerations(db, projection, { discardBuildingOtherThanVersion: projection.version });
  const generation = await openBuildingGeneration(db, projection);
  const checkpoint = (await loadCheckpoint(db, checkpointNameFor(projection, generation.generation))) ?? beforeFirstEvent;
  const total = (await countEvents(store, db, projection.filter, checkpoint))?.count;
  log?.info({ generation: generation.generation, version: projection.version, from: live?.generation, total }, 'rebuild started');

  const started = performance.now();
  let done = 0;
  const report = (phase: RebuildProgress['phase']) => {
    const seconds = (performance.now() - started) / 1000;
    options.onProgress?.({ generation: generation.generation, done, total, eventsPerSecond: seconds > 0 ? done / seconds : 0, phase });
  };
  const target: PageTarget = { projection, generation: generation.generation, state: 'building' };
  const previous = await buildUntilSwitched(store, db, target, checkpoint, options, signal, (n) => {
    done += n;
    report('building');
  }, () => report('switching'));

  const seconds = (performance.now() - started) / 1000;
  log?.info({ generation: generation.generation, previous, events: done, seconds }, 'rebuild switched');
  report('switched');
  // The switch is what matters; tables left behind are dropped by the next runner start.
  await dropUnusedGenerations(db, projection).catch((error: unknown) => log?.warn({ err: error }, 'could not drop the retired generation yet'));
  return { rebuilt: true, generation: generation.generation, previous, events: done, seconds };
}

async function openBuildingGeneration(db: ProjectionDb, projection: SqlProjection): Promise<Generation> {
  const building = await buildingGeneration(db, projection.name);
  if (building) return building;
  return db.transaction().execute((trx) => createGeneration(trx, projection, 'building'));
}

/** Pages until a short page (caught up) and a successful switch; returns the generation replaced. */
async function buildUntilSwitched(
  store: EventStore,
  db: ProjectionDb,
  target: PageTarget,
  from: Position,
  options: RebuildOptions,
  signal: AbortSignal,
  onApplied: (events: number) => void,
  onSwitching: () => void,
): Promise<number | undefined> {
  const retry = options.retry ?? defaultRetryPolicy;
  const reader = createLogReader(store, target.projection.filter, options.batchSize ?? 2_000);
  reader.reset(from);
  let checkpoint = from;
  let page: LogPage | undefined;
  let attempt = 0;
  try {
    for (;;) {
      await yieldToEventLoop();
      signal.throwIfAborted();
      try {
        page ??= await reader.next();
        if (page.events.length > 0) {
          checkpoint = await writePage(db, target, checkpoint, page.events);
          onApplied(page.events.length);
          // Written: a retry of what follows (the switch) must not write it again.
          page = { ...page, events: [] };
        }
        if (page.short) {
          onSwitching();
          const outcome = await switchToGeneration(db, target.projection, target.generation, page.seenThrough ?? checkpoint);
          if (outcome.switched) return outcome.previous;
        }
        // Only a step that went all the way through clears the count: a switch failing after its
        // page was written is still the same failure, and must run out of attempts.
        attempt = 0;
        page = undefined;
      } catch (error) {
        // Someone else changed the generations, or the lock was lost: not this page's fault.
        if (signal.aborted || error instanceof GenerationChangedError || error instanceof CheckpointMovedError) throw error;
        attempt++;
        if (attempt >= retry.maxAttempts) throw error;
        options.logger?.warn({ err: error, projection: target.projection.name, attempt }, `rebuild page failed, retrying: ${errorMessage(error)}`);
        await sleep(retry.delayMs(attempt), signal);
      }
    }
  } finally {
    reader.close();
  }
}
