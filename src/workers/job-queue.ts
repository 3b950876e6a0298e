/**
 * The queue port: what the system needs from a job queue, whichever runs it. Two adapters, one
 * folder each and shaped alike: `bullmq/` (Redis, for production and for more than one process)
 * and `in-process/` (the embedded default). Both pass `contract/job-queue.contract.ts`.
 *
 * A job runs at least once: a worker that dies mid-job leaves it to be run again (BullMQ notices
 * through its lock; the in-process adapter on restart). Handlers are therefore idempotent, which
 * in this codebase means deterministic command ids and gateway idempotency keys.
 */

/** `failed` is the dead-letter state: attempts ran out, or the handler said the error is permanent. */
export type JobState = 'waiting' | 'delayed' | 'active' | 'completed' | 'failed';

/** Whatever a handler reports as progress: a number (percent) or a small JSON object. */
export type JobProgress = number | Readonly<Record<string, unknown>>;

export interface JobOptions {
  /**
   * Deduplication key, unique per queue: while a job with this id exists (waiting, running, kept
   * after it completed, or in dead letters) adding another is a no-op that answers the same id.
   * Letters, digits and `-_.` only (BullMQ reserves `:`).
   */
  readonly jobId?: string;
  /** Run no earlier than this many milliseconds from now. */
  readonly delayMs?: number;
  /** Runs in all, the first included (default 1: no retry). */
  readonly attempts?: number;
  /** Exponential backoff: the n-th retry waits `backoffMs * 2^(n-1)` (default 1,000). */
  readonly backoffMs?: number;
}

/** What can be known about a job without running it. `id` is unique within its queue. */
export interface JobInfo {
  readonly id: string;
  readonly queue: string;
  readonly name: string;
  readonly data: unknown;
  readonly state: JobState;
  readonly progress: JobProgress;
  /** Attempts that ended (in an error or in success). */
  readonly attemptsMade: number;
  readonly maxAttempts: number;
  /** The last error's message, once an attempt has failed. */
  readonly failedReason: string | undefined;
  /** What the handler returned, once completed. */
  readonly result: unknown;
  readonly createdAt: Date;
  /** When it completed or landed in dead letters. */
  readonly finishedAt: Date | undefined;
}

/** The job as its handler sees it. */
export interface ActiveJob {
  readonly id: string;
  readonly name: string;
  readonly data: unknown;
  /** 1 on the first run, 2 on the first retry, ... */
  readonly attempt: number;
  readonly maxAttempts: number;
  progress(value: JobProgress): Promise<void>;
}

/** Resolves with the job's result (kept with the job, JSON) or throws to fail the attempt. */
export type JobHandler = (job: ActiveJob) => Promise<unknown>;

/**
 * Thrown by a handler when retrying cannot help (a bug, a refusal that will not change): the job
 * goes to dead letters at once instead of using up its attempts.
 */
export class PermanentJobError extends Error {
  override readonly name = 'PermanentJobError';
}

export interface WorkOptions {
  /** Jobs run at once by this worker (default 1). */
  readonly concurrency?: number;
  /** BullMQ: a running job's lock lasts this long unless renewed, so a dead worker is noticed after it (default 30 s). */
  readonly lockDurationMs?: number;
  /** BullMQ: how often workers look for jobs whose lock expired (default 30 s). */
  readonly stalledIntervalMs?: number;
}

export interface JobWorker {
  /** Resolves once the worker is connected and taking jobs. */
  ready(): Promise<void>;
  /** Stops taking jobs and resolves when the ones running have finished. */
  close(): Promise<void>;
}

/** Dead letters are listed newest first; this is the position of the last one seen. */
export interface FailedCursor {
  readonly failedAt: number;
  readonly id: string;
}

export interface JobQueue {
  readonly name: string;
  /** Adds a job; answers its id (the existing one's, for a duplicate `jobId`). */
  add(name: string, data: unknown, options?: JobOptions): Promise<string>;
  /**
   * A periodic job: `name` with `data` every `everyMs`, created or updated under `schedulerId`.
   * However many processes call this, one job runs per period, and a period's job is not created
   * while the previous one is still waiting.
   */
  repeat(schedulerId: string, name: string, data: unknown, options: { readonly everyMs: number; readonly attempts?: number }): Promise<void>;
  get(id: string): Promise<JobInfo | undefined>;
  /** Dead letters, newest first (by `finishedAt`, then id), strictly after `after`. */
  failed(options: { readonly limit: number; readonly after?: FailedCursor }): Promise<JobInfo[]>;
  /** Sends a dead letter back to run, with its attempts counted from zero again. */
  retry(id: string): Promise<'retried' | 'not-found' | 'not-failed'>;
  /** Starts a worker on this queue; close it (or the queue) to stop. */
  work(handler: JobHandler, options?: WorkOptions): JobWorker;
}

/** One backend (a Redis, or this process) and the named queues on it. */
export interface JobQueues {
  readonly kind: 'bullmq' | 'in-process';
  /** The queue of that name (one object per name). Names: letters, digits and `-_`. */
  queue(name: string): JobQueue;
  /** Closes every worker gracefully (in-flight jobs finish), then the queues and connections. */
  close(): Promise<void>;
}

export const DEFAULT_BACKOFF_MS = 1_000;

/** The wait before retry number `retry` (1-based), as BullMQ's exponential backoff computes it. */
export const backoffDelay = (backoffMs: number, retry: number): number => Math.round(backoffMs * 2 ** (retry - 1));

/** Newest first: larger `failedAt`, then larger id, comes first. Negative when `a` comes before `b`. */
export function compareFailed(a: FailedCursor, b: FailedCursor): number {
  if (a.failedAt !== b.failedAt) return b.failedAt - a.failedAt;
  return a.id === b.id ? 0 : a.id < b.id ? 1 : -1;
}

const QUEUE_NAME = /^[A-Za-z0-9_-]{1,100}$/;
const JOB_ID = /^[A-Za-z0-9_.-]{1,200}$/;

export function assertQueueName(name: string): void {
  if (!QUEUE_NAME.test(name)) throw new Error(`invalid queue name ${JSON.stringify(name)}: letters, digits, - and _ only`);
}

export function assertJobId(id: string): void {
  // BullMQ also refuses ids that are integers: they would collide with its own counter.
  if (!JOB_ID.test(id) || /^\d+$/.test(id)) throw new Error(`invalid job id ${JSON.stringify(id)}: letters, digits and -_. only, not a bare number`);
}

export const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));
