import type { Logger } from 'pino';
import type { EventStore } from '../../../eventstore/types.js';
import type { ProjectionLock } from '../../../projections/runner/projection-lock.js';
import { rebuildLockKey, type RebuildProgress } from '../../../projections/runner/projection-status.js';
import { rebuildProjection } from '../../../projections/runner/rebuild-projection.js';
import type { ProjectionDb, SqlProjection } from '../../../projections/runner/sql-projection.js';

export interface RebuildJob {
  readonly projection: string;
  readonly status: 'running' | 'succeeded' | 'failed';
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly progress: RebuildProgress | null;
  /** The generation live after the switch. */
  readonly generation: number | null;
  readonly events: number | null;
  readonly error: string | null;
}

export type StartOutcome = { readonly started: true; readonly job: RebuildJob } | { readonly started: false; readonly reason: 'running' };

/**
 * Rebuilds started from the API, run in the background of this process: the answer (202) does not
 * wait for them, `list()` reports their progress. The port a worker-queue version would implement
 * (BullMQ job with progress) so that a rebuild survives the API process.
 */
export interface ProjectionRebuilds {
  start(projection: SqlProjection): Promise<StartOutcome>;
  /** The latest rebuild of each projection started here (running or finished). */
  list(): RebuildJob[];
  /** Stops the running ones (each resumes from its checkpoint when started again) and waits for them. */
  close(): Promise<void>;
}

export interface InProcessRebuildsDeps {
  readonly store: EventStore;
  readonly db: ProjectionDb;
  /** The lock the runners use: a rebuild held by another process refuses to start. */
  readonly lock: ProjectionLock;
  readonly logger?: Logger;
}

export function createInProcessRebuilds(deps: InProcessRebuildsDeps): ProjectionRebuilds {
  const jobs = new Map<string, RebuildJob>();
  const running = new Map<string, { controller: AbortController; done: Promise<void> }>();
  /** Between the check and the start: a second request for the same projection must not start a twin. */
  const starting = new Set<string>();

  function update(name: string, change: Partial<RebuildJob>): void {
    const job = jobs.get(name);
    if (job) jobs.set(name, { ...job, ...change });
  }

  return {
    async start(projection) {
      const name = projection.name;
      if (running.has(name) || starting.has(name)) return { started: false, reason: 'running' };
      starting.add(name);
      try {
        if (await deps.lock.isHeld(rebuildLockKey(name))) return { started: false, reason: 'running' };
      } finally {
        starting.delete(name);
      }
      const controller = new AbortController();
      const job: RebuildJob = { projection: name, status: 'running', startedAt: new Date().toISOString(), finishedAt: null, progress: null, generation: null, events: null, error: null };
      jobs.set(name, job);
      const done = rebuildProjection(deps.store, deps.db, projection, {
        lock: deps.lock,
        signal: controller.signal,
        ...(deps.logger ? { logger: deps.logger } : {}),
        onProgress: (progress) => update(name, { progress }),
      })
        .then((result) => update(name, { status: 'succeeded', finishedAt: new Date().toISOString(), generation: result.generation ?? null, events: result.events }))
        .catch((error: unknown) => {
          deps.logger?.warn({ err: error, projection: name }, 'projection rebuild failed');
          update(name, { status: 'failed', finishedAt: new Date().toISOString(), error: error instanceof Error ? error.message : String(error) });
        })
        .finally(() => running.delete(name));
      running.set(name, { controller, done });
      return { started: true, job };
    },
    list: () => [...jobs.values()],
    async close() {
      const all = [...running.values()];
      for (const { controller } of all) controller.abort(new Error('the API is shutting down'));
      await Promise.all(all.map(({ done }) => done));
    },
  };
}
