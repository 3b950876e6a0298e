import type { JobProgress, JobState } from '../job-queue.js';

/** A job as the in-process adapter keeps it; `runAt` is when a delayed job becomes due (epoch ms). */
export interface StoredJob {
  readonly queue: string;
  readonly id: string;
  readonly name: string;
  readonly data: unknown;
  state: JobState;
  progress: JobProgress;
  attemptsMade: number;
  readonly maxAttempts: number;
  readonly backoffMs: number;
  runAt: number;
  failedReason: string | undefined;
  result: unknown;
  readonly createdAt: number;
  finishedAt: number | undefined;
}

/**
 * Where the in-process adapter writes its jobs down, so that a restart finds them again: jobs that
 * were waiting, delayed or running (those run again: at least once) and dead letters. Without a
 * journal the jobs live and die with the process. `save` gets the whole record each time.
 */
export interface JobJournal {
  load(queue: string): Promise<StoredJob[]>;
  save(job: StoredJob): Promise<void>;
  remove(queue: string, ids: readonly string[]): Promise<void>;
}

/** A journal in memory: for tests of "the jobs outlive the queue object" without a database. */
export function createMemoryJobJournal(): JobJournal {
  const jobs = new Map<string, StoredJob>();
  const key = (queue: string, id: string) => `${queue}\u0000${id}`;
  return {
    async load(queue) {
      return [...jobs.values()].filter((job) => job.queue === queue).map((job) => structuredClone(job));
    },
    async save(job) {
      jobs.set(key(job.queue, job.id), structuredClone(job));
    },
    async remove(queue, ids) {
      for (const id of ids) jobs.delete(key(queue, id));
    },
  };
}
