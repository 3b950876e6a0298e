import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import {
  assertJobId,
  assertQueueName,
  DEFAULT_BACKOFF_MS,
  type FailedCursor,
  type JobInfo,
  type JobQueue,
  type JobWorker,
} from '../job-queue.js';
import { toJobInfo, toJobState } from './bullmq-job-info.js';
import { createBullmqJobWorker } from './bullmq-job-worker.js';
import { connectionOf, DEFAULT_PREFIX, KEEP_FAILED, keepCompletedOf, type BullmqQueueConfig } from './bullmq-queue-config.js';

export interface BullmqJobQueue extends JobQueue {
  close(): Promise<void>;
}

/** Members read from the failed set per round trip while paging. */
const CHUNK = 100;

/**
 * One BullMQ queue. Dead letters are BullMQ's `failed` set: a job lands there only when its last
 * attempt failed (a job between retries is `delayed`). The set is a sorted set scored by the time
 * of failure, which is what makes keyset paging over it possible (`admin` reads it directly).
 */
export function createBullmqJobQueue(name: string, config: BullmqQueueConfig, admin: Redis): BullmqJobQueue {
  assertQueueName(name);
  const queue = new Queue(name, { connection: connectionOf(config), prefix: config.prefix ?? DEFAULT_PREFIX });
  queue.on('error', (error) => config.logger?.warn({ err: error, queue: name }, 'job queue error'));
  const workers = new Set<JobWorker>();
  const removeOnComplete = keepCompletedOf(config);

  /** The state is read before the job: the job's fields are then at least as new as its state. */
  async function info(id: string): Promise<JobInfo | undefined> {
    const state = toJobState(await queue.getJobState(id));
    const job = state ? await queue.getJob(id) : undefined;
    return state && job ? toJobInfo(name, job, state) : undefined;
  }

  /** Ids in the failed set, newest first, strictly after `after`. */
  async function failedIds(limit: number, after: FailedCursor | undefined): Promise<string[]> {
    const key = queue.keys.failed!;
    const ids: string[] = [];
    for (let offset = 0; ids.length < limit; offset += CHUNK) {
      const chunk = await admin.zrevrangebyscore(key, after ? String(after.failedAt) : '+inf', '-inf', 'WITHSCORES', 'LIMIT', offset, CHUNK);
      for (let i = 0; i < chunk.length && ids.length < limit; i += 2) {
        const id = chunk[i]!;
        // Members of one score come in descending byte order, as `compareFailed` orders ids.
        if (after && Number(chunk[i + 1]) === after.failedAt && !(id < after.id)) continue;
        ids.push(id);
      }
      if (chunk.length < CHUNK * 2) break;
    }
    return ids;
  }

  return {
    name,

    async add(jobName, data, options = {}) {
      if (options.jobId !== undefined) assertJobId(options.jobId);
      const job = await queue.add(jobName, data ?? null, {
        ...(options.jobId !== undefined ? { jobId: options.jobId } : {}),
        ...(options.delayMs ? { delay: Math.max(0, options.delayMs) } : {}),
        attempts: Math.max(1, options.attempts ?? 1),
        backoff: { type: 'exponential', delay: options.backoffMs ?? DEFAULT_BACKOFF_MS },
        removeOnComplete,
        removeOnFail: KEEP_FAILED,
      });
      return job.id!;
    },

    async repeat(schedulerId, jobName, data, { everyMs, attempts }) {
      assertJobId(schedulerId);
      await queue.upsertJobScheduler(
        schedulerId,
        { every: everyMs },
        { name: jobName, data: data ?? null, opts: { attempts: Math.max(1, attempts ?? 1), removeOnComplete, removeOnFail: KEEP_FAILED } },
      );
    },

    async get(id) {
      return info(id);
    },

    async failed({ limit, after }) {
      const ids = await failedIds(limit, after);
      const infos = await Promise.all(ids.map(info));
      // A job retried between the two reads is no longer a dead letter.
      return infos.filter((job): job is JobInfo => job?.state === 'failed');
    },

    async retry(id) {
      const job = await queue.getJob(id);
      if (!job) return 'not-found';
      if ((await job.getState()) !== 'failed') return 'not-failed';
      try {
        await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
        return 'retried';
      } catch (error) {
        // Someone else retried it between the check and now.
        if ((await job.getState()) !== 'failed') return 'not-failed';
        throw error;
      }
    },

    work(handler, options = {}) {
      const worker = createBullmqJobWorker(name, handler, options, config);
      workers.add(worker);
      return {
        ready: () => worker.ready(),
        async close() {
          workers.delete(worker);
          await worker.close();
        },
      };
    },

    async close() {
      await Promise.all([...workers].map((worker) => worker.close()));
      workers.clear();
      await queue.close();
    },
  };
}
