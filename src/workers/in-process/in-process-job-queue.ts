import { randomUUID } from 'node:crypto';
import {
  assertJobId,
  assertQueueName,
  backoffDelay,
  compareFailed,
  DEFAULT_BACKOFF_MS,
  errorMessage,
  PermanentJobError,
  type JobHandler,
  type JobInfo,
  type JobQueue,
  type JobWorker,
  type WorkOptions,
} from '../job-queue.js';
import { toJobInfo, toJson } from './in-process-job-info.js';
import type { JobJournal, StoredJob } from './job-journal.js';
import { createInProcessSchedulers } from './in-process-schedulers.js';

export interface InProcessQueueOptions {
  /** Where jobs are written down to outlive the process; none: they live in memory only. */
  readonly journal?: JobJournal;
  /** Completed jobs kept for `get` (and deduplication): the newest `count`, none older than `ageMs`. */
  readonly keepCompleted?: { readonly count: number; readonly ageMs: number };
  /** A journal write that failed (the job itself carries on). */
  readonly onJournalError?: (error: unknown) => void;
}

export interface InProcessJobQueue extends JobQueue {
  close(): Promise<void>;
}

interface Worker {
  readonly handler: JobHandler;
  readonly concurrency: number;
  readonly running: Set<Promise<void>>;
  closing: boolean;
}

/** setTimeout's limit; a longer delay is waited out in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The embedded default: jobs in a Map, delays and backoff on timers, workers as concurrency slots
 * in this process. With a journal every job that matters (added, retried, finished) is written
 * down, and a restart picks up what was waiting, delayed or running. One process only: two
 * processes on one journal would both run its jobs (use BullMQ for that).
 */
export function createInProcessJobQueue(name: string, options: InProcessQueueOptions = {}): InProcessJobQueue {
  assertQueueName(name);
  const { journal } = options;
  const keep = options.keepCompleted ?? { count: 1_000, ageMs: 24 * 3_600_000 };
  const jobs = new Map<string, StoredJob>();
  const waiting: string[] = [];
  const completed: string[] = [];
  const timers = new Map<string, NodeJS.Timeout>();
  const workers = new Set<Worker>();
  const saves = new Map<string, Promise<void>>();
  let closed = false;

  /** Writes the job's current record; writes of one job land in order. */
  function save(job: StoredJob): Promise<void> {
    if (!journal) return Promise.resolve();
    const record = structuredClone(job);
    const written = (saves.get(job.id) ?? Promise.resolve()).then(() => journal.save(record));
    const settled = written.catch((error: unknown) => options.onJournalError?.(error));
    saves.set(job.id, settled);
    void settled.then(() => saves.get(job.id) === settled && saves.delete(job.id));
    return written;
  }

  function arm(job: StoredJob): void {
    if (closed) return;
    const wait = Math.max(0, job.runAt - Date.now());
    const timer = setTimeout(() => {
      timers.delete(job.id);
      if (job.state !== 'delayed') return;
      if (job.runAt > Date.now()) return arm(job);
      // Not written down: a restart finds it delayed with a past `runAt`, which is due at once.
      job.state = 'waiting';
      waiting.push(job.id);
      pump();
    }, Math.min(wait, MAX_TIMER_MS));
    timer.unref();
    timers.set(job.id, timer);
  }

  const ready = (async () => {
    const loaded = (await journal?.load(name)) ?? [];
    loaded.sort((a, b) => a.createdAt - b.createdAt);
    for (const job of loaded) {
      jobs.set(job.id, job);
      // Running when the process stopped: nothing says it finished, so it runs again.
      if (job.state === 'active') job.state = 'waiting';
      if (job.state === 'waiting') waiting.push(job.id);
      else if (job.state === 'delayed') arm(job);
      else if (job.state === 'completed') completed.push(job.id);
    }
    completed.sort((a, b) => (jobs.get(a)!.finishedAt ?? 0) - (jobs.get(b)!.finishedAt ?? 0));
  })();

  function pump(): void {
    while (!closed && waiting.length > 0) {
      const worker = [...workers].find((w) => !w.closing && w.running.size < w.concurrency);
      if (!worker) return;
      const job = jobs.get(waiting.shift()!);
      if (!job || job.state !== 'waiting') continue;
      job.state = 'active';
      const running: Promise<void> = run(job, worker.handler).finally(() => {
        worker.running.delete(running);
        pump();
      });
      worker.running.add(running);
    }
  }

  async function run(job: StoredJob, handler: JobHandler): Promise<void> {
    const attempt = job.attemptsMade + 1;
    try {
      const result = await handler({
        id: job.id,
        name: job.name,
        data: structuredClone(job.data),
        attempt,
        maxAttempts: job.maxAttempts,
        progress: async (value) => {
          job.progress = toJson(value) as StoredJob['progress'];
          await save(job);
        },
      });
      Object.assign(job, { state: 'completed', result: toJson(result), attemptsMade: attempt, finishedAt: Date.now() });
      completed.push(job.id);
      await save(job);
      await prune();
    } catch (error) {
      job.attemptsMade = attempt;
      job.failedReason = errorMessage(error);
      if (error instanceof PermanentJobError || attempt >= job.maxAttempts) {
        Object.assign(job, { state: 'failed', finishedAt: Date.now() });
      } else {
        Object.assign(job, { state: 'delayed', runAt: Date.now() + backoffDelay(job.backoffMs, attempt) });
        arm(job);
      }
      await save(job).catch(() => undefined);
    }
  }

  /** Forgets the oldest completed jobs beyond what is kept. */
  async function prune(): Promise<void> {
    const removed: string[] = [];
    const oldest = Date.now() - keep.ageMs;
    while (completed.length > 0) {
      const job = jobs.get(completed[0]!);
      if (job && job.state === 'completed' && completed.length <= keep.count && (job.finishedAt ?? 0) >= oldest) break;
      completed.shift();
      if (job?.state === 'completed') {
        jobs.delete(job.id);
        removed.push(job.id);
      }
    }
    if (removed.length > 0) await journal?.remove(name, removed);
  }

  async function add(jobName: string, data: unknown, jobOptions: Parameters<JobQueue['add']>[2] = {}): Promise<string> {
    if (closed) throw new Error(`queue ${name} is closed`);
    if (jobOptions.jobId !== undefined) assertJobId(jobOptions.jobId);
    await ready;
    const id = jobOptions.jobId ?? randomUUID();
    if (jobs.has(id)) return id;
    const now = Date.now();
    const delayMs = Math.max(0, jobOptions.delayMs ?? 0);
    const job: StoredJob = {
      queue: name,
      id,
      name: jobName,
      data: toJson(data),
      state: delayMs > 0 ? 'delayed' : 'waiting',
      progress: 0,
      attemptsMade: 0,
      maxAttempts: Math.max(1, jobOptions.attempts ?? 1),
      backoffMs: jobOptions.backoffMs ?? DEFAULT_BACKOFF_MS,
      runAt: now + delayMs,
      failedReason: undefined,
      result: undefined,
      createdAt: now,
      finishedAt: undefined,
    };
    jobs.set(id, job);
    await save(job);
    if (job.state === 'delayed') arm(job);
    else {
      waiting.push(id);
      pump();
    }
    return id;
  }

  const schedulers = createInProcessSchedulers({ add, stateOf: (id) => jobs.get(id)?.state });

  return {
    name,
    add,
    repeat: schedulers.repeat,

    async get(id) {
      await ready;
      const job = jobs.get(id);
      return job ? toJobInfo(job) : undefined;
    },

    async failed({ limit, after }) {
      await ready;
      const dead: JobInfo[] = [];
      for (const job of jobs.values()) {
        if (job.state !== 'failed') continue;
        if (after && compareFailed({ failedAt: job.finishedAt ?? 0, id: job.id }, after) <= 0) continue;
        dead.push(toJobInfo(job));
      }
      const key = (info: JobInfo) => ({ failedAt: info.finishedAt?.getTime() ?? 0, id: info.id });
      return dead.sort((a, b) => compareFailed(key(a), key(b))).slice(0, limit);
    },

    async retry(id) {
      await ready;
      const job = jobs.get(id);
      if (!job) return 'not-found';
      if (job.state !== 'failed') return 'not-failed';
      Object.assign(job, { state: 'waiting', attemptsMade: 0, finishedAt: undefined, runAt: Date.now() });
      await save(job);
      waiting.push(id);
      pump();
      return 'retried';
    },

    work(handler, workOptions: WorkOptions = {}): JobWorker {
      if (closed) throw new Error(`queue ${name} is closed`);
      const worker: Worker = { handler, concurrency: Math.max(1, workOptions.concurrency ?? 1), running: new Set(), closing: false };
      workers.add(worker);
      void ready.then(pump);
      return {
        ready: () => ready,
        async close() {
          worker.closing = true;
          await Promise.all(worker.running);
          workers.delete(worker);
        },
      };
    },

    async close() {
      if (closed) return;
      schedulers.stop();
      await Promise.all([...workers].map(async (worker) => {
        worker.closing = true;
        await Promise.all(worker.running);
      }));
      closed = true;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      await ready.catch(() => undefined);
      await Promise.all(saves.values());
    },
  };
}
