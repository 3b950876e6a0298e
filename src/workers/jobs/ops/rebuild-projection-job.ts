import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { EventStore } from '../../../eventstore/types.js';
import { findProjection } from '../../../projections/registry.js';
import { rebuildProjection } from '../../../projections/runner/rebuild-projection.js';
import type { ProjectionLock } from '../../../projections/runner/projection-lock.js';
import { PermanentJobError, type JobHandler } from '../../job-queue.js';

export interface RebuildJobDeps {
  readonly store: EventStore;
  readonly db: Kysely<unknown>;
  /** The lock the projection runners use, so a rebuild in one process and a runner in another cooperate. */
  readonly lock: ProjectionLock;
  readonly logger?: Logger;
}

const rebuildData = z.object({ projection: z.string().min(1) });

/** Progress goes to the queue at most this often: a rebuild reports per page. */
const PROGRESS_EVERY_MS = 250;

/**
 * A blue/green rebuild of one projection (see `rebuildProjection`) as an ops job: the new
 * generation is built beside the live one and switched in when it has caught up. Progress is the
 * rebuild's own report (phase, events done of the total, events per second). An interrupted
 * rebuild resumes from its checkpoint on the next attempt.
 */
export function rebuildProjectionJob(deps: RebuildJobDeps): JobHandler {
  return async (job) => {
    const { projection: name } = rebuildData.parse(job.data);
    const projection = findProjection(name);
    if (!projection) throw new PermanentJobError(`no projection named ${name}`);
    let reportedAt = 0;
    let reporting: Promise<void> = Promise.resolve();
    const result = await rebuildProjection(deps.store, deps.db, projection, {
      lock: deps.lock,
      // Another rebuild of it (say, from the CLI) finishes first; this one then rebuilds again.
      wait: true,
      ...(deps.logger ? { logger: deps.logger } : {}),
      onProgress: (progress) => {
        const now = Date.now();
        if (progress.phase === 'building' && now - reportedAt < PROGRESS_EVERY_MS) return;
        reportedAt = now;
        const percent = progress.total ? Math.min(100, Math.floor((100 * progress.done) / progress.total)) : undefined;
        const report = { ...progress, eventsPerSecond: Math.round(progress.eventsPerSecond), ...(percent !== undefined ? { percent } : {}) };
        reporting = reporting.then(() => job.progress(report)).catch(() => undefined);
      },
    });
    await reporting;
    return result;
  };
}
