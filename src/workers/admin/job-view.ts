import { publicJobId } from '../job-ids.js';
import type { JobInfo, JobProgress, JobState } from '../job-queue.js';

/** A job as the admin API shows it: plain JSON, with its public id (`<queue>.<id>`). */
export interface JobView {
  readonly id: string;
  readonly queue: string;
  readonly name: string;
  readonly state: JobState;
  readonly data: unknown;
  readonly progress: JobProgress;
  readonly attemptsMade: number;
  readonly maxAttempts: number;
  /** The last failed attempt's error message. */
  readonly failedReason: string | null;
  /** What the job returned, once completed. */
  readonly result: unknown;
  readonly createdAt: string;
  /** When it completed or landed in dead letters. */
  readonly finishedAt: string | null;
}

export function toJobView(job: JobInfo): JobView {
  return {
    id: publicJobId(job.queue, job.id),
    queue: job.queue,
    name: job.name,
    state: job.state,
    data: job.data,
    progress: job.progress,
    attemptsMade: job.attemptsMade,
    maxAttempts: job.maxAttempts,
    failedReason: job.failedReason ?? null,
    result: job.result ?? null,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}
