import type { Logger } from 'pino';
import type { EventStore, Position } from '../../eventstore/types.js';
import { beforeFirstEvent, CheckpointMovedError, initCheckpoint, loadCheckpoint } from '../checkpoints/generation-checkpoint.js';
import { dropUnusedGenerations } from './generation-cleanup.js';
import { checkpointNameFor, ensureLiveGeneration, GenerationChangedError } from './generations.js';
import { hasPassed } from './has-passed.js';
import { createLogReader, type LogPage } from './log-reader.js';
import { createProgressWatch } from './progress-watch.js';
import { inProcessLockFor, isSingleConnectionDb, type ProjectionLock } from './projection-lock.js';
import { inspectProjection, type ProjectionReport } from './projection-report.js';
import { runnerLockKey, type ProjectionState, type ProjectionStatus, type RebuildProgress } from './projection-status.js';
import { rebuildProjection } from './rebuild-projection.js';
import { defaultRetryPolicy, errorMessage, type RetryPolicy } from './retry-policy.js';
import { sleep, wakeableSleep, yieldToEventLoop } from './sleep.js';
import type { ProjectionDb, SqlProjection } from './sql-projection.js';
import { recordStatus } from './status-store.js';
import { writePage, type PageTarget } from './write-page.js';

export type { ProjectionState, ProjectionStatus } from './projection-status.js';

export interface RunSqlProjectionOptions {
  readonly store: EventStore;
  readonly db: ProjectionDb;
  /** Events per page and transaction while following the log (default 500). */
  readonly batchSize?: number;
  /** Pause between reads once at the head (default 50 ms; `waitFor` cuts it short). */
  readonly pollIntervalMs?: number;
  /** Attempts per page before the projection stops as failed (default 5). */
  readonly maxAttempts?: number;
  readonly logger?: Logger;
  /**
   * Keeps one runner active per projection. Default: in-process, which is all PGlite needs; on
   * Postgres pass `createPostgresProjectionLock` so that other processes are kept out too.
   */
  readonly lock?: ProjectionLock;
  /** Pause before each retry (default 100 ms doubling to 5 s). */
  readonly retryDelayMs?: (attempt: number) => number;
  /** Page size of the rebuild a version change starts (default 2,000). */
  readonly rebuildBatchSize?: number;
}

export interface RunningProjection {
  readonly name: string;
  /** Settles when the runner stops: resolves on `stop()`, rejects with the error that made it fail. */
  readonly done: Promise<void>;
  status(): ProjectionStatus;
  /** `status()` plus what needs queries: head, lag in events and seconds (see `inspectProjection`). */
  inspect(): Promise<ProjectionReport>;
  /**
   * Read-your-writes: resolves true once the read model reflects everything up to `position` (a
   * position from any category: see `createLogReader` on "seen through"), false when the time runs
   * out or the runner failed or stopped.
   */
  waitFor(position: Position, timeoutMs: number): Promise<boolean>;
  stop(): Promise<void>;
}

type FollowOutcome = 'stopped' | 'yield';

/** How often a `waitFor` caller looks again (and nudges the runner) while the position is not passed. */
const waitPollMs = 20;
/** After losing the lock: longer than a waiting runner's retry (500 ms by default), so it gets the lock. */
const standDownMs = 1_000;

/**
 * Follows the global log for one projection: takes the projection's lock (waiting while another
 * runner, in this process or another, is active), rebuilds first if the code's version is not the
 * live generation's, then applies pages to the live generation, each in one transaction with its
 * checkpoint. A failing page is retried with backoff and then stops the runner with the error in
 * `status()` and in `projection_status`: an event is never skipped.
 */
export function runSqlProjection(projection: SqlProjection, options: RunSqlProjectionOptions): RunningProjection {
  const { store, db } = options;
  const log = options.logger?.child({ projection: projection.name });
  const lock = options.lock ?? inProcessLockFor(db);
  if (!options.lock && !isSingleConnectionDb(db)) {
    log?.warn('no cross-process lock given: only runners of this process are kept from running this projection twice');
  }
  const batchSize = options.batchSize ?? 500;
  const pollIntervalMs = options.pollIntervalMs ?? 50;
  const retry: RetryPolicy = {
    maxAttempts: options.maxAttempts ?? defaultRetryPolicy.maxAttempts,
    delayMs: options.retryDelayMs ?? defaultRetryPolicy.delayMs,
  };
  const stopping = new AbortController();
  const nap = wakeableSleep();
  const progress = createProgressWatch();
  let state: ProjectionState = 'starting';
  let lastError: string | undefined;
  let generation: number | undefined;
  let rebuild: RebuildProgress | undefined;
  let holding = false;

  /**
   * In memory always; in `projection_status` only by the lock holder, and only when something
   * changed. `error`: a message sets it, `null` clears it, absent keeps it.
   */
  async function setState(next: ProjectionState, error?: string | null): Promise<void> {
    const nextError = error === undefined ? lastError : (error ?? undefined);
    const changed = next !== state || nextError !== lastError;
    if (next !== state) log?.info({ from: state, to: next }, `projection ${next}`);
    state = next;
    lastError = nextError;
    if (!changed) return;
    progress.notify();
    if (!holding) return;
    await recordStatus(db, projection.name, next, nextError).catch((e: unknown) => log?.warn({ err: e }, 'could not record projection status'));
  }

  /** Opens the live generation (rebuilding first on a version change); returns where to continue. */
  async function open(signal: AbortSignal): Promise<{ target: PageTarget; checkpoint: Position }> {
    await setState('starting');
    // Tables a rebuild could not drop (a reader held them, the process died) go now.
    await dropUnusedGenerations(db, projection).catch((e: unknown) => log?.warn({ err: e }, 'could not drop retired generations'));
    let live = await ensureLiveGeneration(db, projection);
    if (live.version !== projection.version) {
      // The old generation keeps serving (not updated: its code is gone) until the new one switches in.
      await setState('catching-up');
      log?.info({ live: live.version, code: projection.version }, 'version changed: rebuilding beside the live generation');
      try {
        await rebuildProjection(store, db, projection, {
          lock,
          wait: true,
          when: 'version-changed',
          signal,
          batchSize: options.rebuildBatchSize ?? 2_000,
          retry,
          ...(log ? { logger: log } : {}),
          onProgress: (p) => (rebuild = p),
        });
      } finally {
        rebuild = undefined;
      }
      live = await ensureLiveGeneration(db, projection);
    }
    generation = live.generation;
    const name = checkpointNameFor(projection, live.generation);
    await initCheckpoint(db, name);
    const checkpoint = (await loadCheckpoint(db, name)) ?? beforeFirstEvent;
    progress.advance(checkpoint, undefined);
    return { target: { projection, generation: live.generation, state: 'live' }, checkpoint };
  }

  /** While holding the lock: pages until stopped or the lock is lost; throws when retries run out. */
  async function follow(signal: AbortSignal): Promise<FollowOutcome> {
    const reader = createLogReader(store, projection.filter, batchSize);
    let opened: { target: PageTarget; checkpoint: Position } | undefined;
    let page: LogPage | undefined;
    let attempt = 0;
    try {
      while (!signal.aborted) {
        try {
          if (!opened) {
            opened = await open(signal);
            reader.reset(opened.checkpoint);
          }
          page ??= await reader.next();
          if (page.events.length > 0) {
            opened.checkpoint = await writePage(db, opened.target, opened.checkpoint, page.events);
            // Written: a retry of what follows must not write it again.
            page = { ...page, events: [] };
          }
          // Live from the first time it reaches the head until it reopens: a burst that fills a page
          // is not worth a state flip (and a status write); the lag figures show how far behind it is.
          await setState(page.short || state === 'live' ? 'live' : 'catching-up', null);
          progress.advance(opened.checkpoint, page.seenThrough);
          const caughtUp = page.short;
          attempt = 0;
          page = undefined;
          if (caughtUp) await nap.sleep(pollIntervalMs, signal);
          else await yieldToEventLoop();
        } catch (error) {
          if (signal.aborted) break;
          if (error instanceof GenerationChangedError) {
            // A rebuild switched generations under us: continue on the new live one.
            log?.info({ generation: error.generation }, 'generation switched; reopening');
            opened = undefined;
            page = undefined;
            continue;
          }
          if (error instanceof CheckpointMovedError) {
            log?.warn('another runner moved the checkpoint: standing down and waiting for the lock again');
            return 'yield';
          }
          attempt++;
          log?.warn({ err: error, attempt, maxAttempts: retry.maxAttempts }, `projection page failed: ${errorMessage(error)}`);
          await setState(state, errorMessage(error));
          if (attempt >= retry.maxAttempts) throw error;
          await sleep(retry.delayMs(attempt), signal);
        }
      }
      return 'stopped';
    } finally {
      reader.close();
    }
  }

  async function run(): Promise<void> {
    try {
      while (!stopping.signal.aborted) {
        await setState('waiting-for-lock');
        const held = await lock.acquire(runnerLockKey(projection.name), { signal: stopping.signal });
        if (!held) break;
        holding = true;
        let outcome: FollowOutcome = 'stopped';
        try {
          outcome = await follow(AbortSignal.any([stopping.signal, held.lost]));
          if (stopping.signal.aborted) await setState('stopped');
        } catch (error) {
          await setState('failed', errorMessage(error));
          log?.error({ err: error }, 'projection failed: stopped until restarted');
          throw error;
        } finally {
          holding = false;
          await held.release();
        }
        // Lost the lock (or found another runner writing): let the runners that waited have it first.
        if (outcome === 'yield' || held.lost.aborted) {
          await setState('waiting-for-lock');
          await sleep(standDownMs, stopping.signal);
        }
      }
      await setState('stopped');
    } finally {
      progress.notify();
    }
  }

  const done = run();
  done.catch(() => undefined);

  const status = (): ProjectionStatus => ({
    name: projection.name,
    version: projection.version,
    generation,
    state,
    checkpoint: progress.checkpoint,
    seenThrough: progress.seenThrough,
    lastError,
    rebuild,
  });

  return {
    name: projection.name,
    done,
    status,
    inspect: () => inspectProjection(store, db, projection, { lock, runtime: status() }),
    async waitFor(position, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (progress.passed(position)) return true;
        const finished = state === 'failed' || state === 'stopped';
        // Another process's runner is the active one: ask the database how far it got.
        if (!holding && (await hasPassed(store, db, projection, position).catch(() => false))) return true;
        const left = deadline - Date.now();
        if (finished || left <= 0) return false;
        // Read now rather than at the end of the poll interval, and again soon if the position was
        // not visible yet (an older transaction anywhere on the server can hold it back).
        nap.wake();
        // A standby asks the database each time: not as often.
        await progress.changed(Math.min(left, holding ? waitPollMs : Math.max(waitPollMs, pollIntervalMs * 2)));
      }
    },
    async stop() {
      stopping.abort();
      nap.wake();
      await done.catch(() => undefined);
    },
  };
}
