import type { JobInfo } from '../job-queue.js';
import type { StoredJob } from './job-journal.js';

/** Data and results go through JSON, as they do through Redis: both adapters hand back the same values. */
export function toJson(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

export function toJobInfo(job: StoredJob): JobInfo {
  return {
    id: job.id,
    queue: job.queue,
    name: job.name,
    data: structuredClone(job.data),
    state: job.state,
    progress: structuredClone(job.progress),
    attemptsMade: job.attemptsMade,
    maxAttempts: job.maxAttempts,
    failedReason: job.failedReason,
    result: job.state === 'completed' ? structuredClone(job.result) : undefined,
    createdAt: new Date(job.createdAt),
    finishedAt: job.finishedAt === undefined ? undefined : new Date(job.finishedAt),
  };
}
