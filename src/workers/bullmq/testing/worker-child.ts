/**
 * A worker process for the multi-process tests: runs BullMQ jobs of queue QUEUE under PREFIX and
 * writes what it did to Redis (`<prefix>:runs` counts runs per job, `<prefix>:log` lists
 * `<pid> <event> <jobId>`). With HANG=1 it starts every job marked `hang` and never finishes it,
 * so the test can kill it mid-job. Prints READY once its worker takes jobs.
 */
import { Redis } from 'ioredis';
import { createBullmqJobQueues } from '../bullmq-job-queues.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};
const prefix = env('PREFIX');
const redis = new Redis(env('REDIS_URL'));
const queues = createBullmqJobQueues({ url: env('REDIS_URL'), prefix });
const log = (event: string, jobId: string) => redis.rpush(`${prefix}:log`, `${process.pid} ${event} ${jobId}`);

const worker = queues.queue(env('QUEUE')).work(
  async (job) => {
    await log('started', job.id);
    const data = job.data as { hang?: boolean; sleepMs?: number };
    if (data.hang && process.env.HANG === '1') await new Promise(() => undefined);
    if (data.sleepMs) await new Promise((resolve) => setTimeout(resolve, data.sleepMs));
    await redis.hincrby(`${prefix}:runs`, job.id, 1);
    await log('finished', job.id);
    return { pid: process.pid };
  },
  {
    concurrency: Number(process.env.CONCURRENCY ?? 1),
    lockDurationMs: Number(process.env.LOCK_MS ?? 30_000),
    stalledIntervalMs: Number(process.env.STALLED_MS ?? 30_000),
  },
);
await worker.ready();
process.stdout.write('READY\n');

process.once('SIGTERM', () => {
  void (async () => {
    await queues.close();
    redis.disconnect();
    process.exit(0);
  })();
});
