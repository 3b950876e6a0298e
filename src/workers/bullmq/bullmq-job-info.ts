import type { Job, JobState as BullmqState } from 'bullmq';
import type { JobInfo, JobProgress, JobState } from '../job-queue.js';

/** BullMQ's states in the port's words: prioritized and waiting-for-children jobs are waiting too. */
export function toJobState(state: BullmqState | 'unknown'): JobState | undefined {
  switch (state) {
    case 'waiting':
    case 'prioritized':
    case 'waiting-children':
      return 'waiting';
    case 'delayed':
    case 'active':
    case 'completed':
    case 'failed':
      return state;
    default:
      return undefined;
  }
}

export function toJobInfo(queue: string, job: Job, state: JobState): JobInfo {
  return {
    id: job.id!,
    queue,
    name: job.name,
    data: job.data,
    state,
    progress: job.progress as JobProgress,
    attemptsMade: job.attemptsMade,
    maxAttempts: job.opts.attempts ?? 1,
    failedReason: job.failedReason || undefined,
    result: state === 'completed' ? (job.returnvalue ?? null) : undefined,
    createdAt: new Date(job.timestamp),
    // A retried job keeps its last finishedOn while it waits again: only a finished state has one.
    finishedAt: (state === 'completed' || state === 'failed') && job.finishedOn ? new Date(job.finishedOn) : undefined,
  };
}
