import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventually, stateIs } from '../contract/job-queue.contract.js';
import type { JobQueues } from '../job-queue.js';
import { createBullmqJobQueues } from './bullmq-job-queues.js';
import { deleteKeys, TEST_REDIS_URL } from './testing/redis.js';
import { spawnWorker, type WorkerProcess } from './testing/spawn-worker.js';

/** Real worker processes (tsx children) against one Redis: what `npm run start:worker` twice does. */
describe('BullMQ worker processes', () => {
  const prefix = `test-procs-${randomUUID().slice(0, 8)}`;
  let redis: Redis;
  let queues: JobQueues;
  const started: WorkerProcess[] = [];
  const spawn = async (env: Record<string, string>) => {
    const worker = await spawnWorker({ REDIS_URL: TEST_REDIS_URL, PREFIX: prefix, ...env });
    started.push(worker);
    return worker;
  };
  const logLines = async () => (await redis.lrange(`${prefix}:log`, 0, -1)).map((line) => line.split(' '));

  beforeAll(() => {
    redis = new Redis(TEST_REDIS_URL);
    queues = createBullmqJobQueues({ url: TEST_REDIS_URL, prefix });
  });
  afterEach(async () => {
    for (const worker of started.splice(0)) {
      if (worker.process.exitCode === null && worker.process.signalCode === null) worker.process.kill('SIGTERM');
      await worker.exited;
    }
  });
  afterAll(async () => {
    await queues?.close();
    redis?.disconnect();
    await deleteKeys(prefix);
  });

  it('two processes split the jobs and never run one twice', async () => {
    const queue = queues.queue('split');
    const workers = await Promise.all([1, 2].map(() => spawn({ QUEUE: 'split', CONCURRENCY: '4' })));
    const ids = await Promise.all(Array.from({ length: 120 }, (_, i) => queue.add('work', { sleepMs: 10 }, { jobId: `job-${i}` })));
    for (const id of ids) await eventually(stateIs(queue, id, 'completed'), 30_000);

    const runs = await redis.hgetall(`${prefix}:runs`);
    expect(Object.keys(runs).sort()).toEqual([...ids].sort());
    expect(Object.values(runs).every((count) => count === '1')).toBe(true);
    const byPid = new Map<string, number>();
    for (const [pid, event] of await logLines()) if (event === 'finished') byPid.set(pid!, (byPid.get(pid!) ?? 0) + 1);
    // Both took part: the test is about two consumers, not one.
    expect([...byPid.keys()].sort()).toEqual(workers.map((w) => String(w.pid)).sort());
  });

  it('a worker killed mid-job (SIGKILL) leaves the job to the other, which runs it to completion', async () => {
    const queue = queues.queue('stalled');
    // A short lock, so that the dead worker's job is noticed in about a second (production: 30 s).
    const fast = { QUEUE: 'stalled', LOCK_MS: '1000', STALLED_MS: '500' };
    const doomed = await spawn({ ...fast, HANG: '1' });
    const id = await queue.add('hangs', { hang: true }, { jobId: 'hangs' });
    await eventually(async () => ((await logLines()).some(([pid, event, job]) => pid === String(doomed.pid) && event === 'started' && job === id) ? true : undefined));
    const survivor = await spawn(fast);
    doomed.process.kill('SIGKILL');
    await doomed.exited;

    const done = await eventually(stateIs(queue, id, 'completed'), 30_000);
    expect(done.result).toEqual({ pid: survivor.pid });
    const events = (await logLines()).filter(([, , job]) => job === id).map(([pid, event]) => `${pid === String(doomed.pid) ? 'doomed' : 'survivor'} ${event}`);
    expect(events).toEqual(['doomed started', 'survivor started', 'survivor finished']);
    expect(await redis.hget(`${prefix}:runs`, id)).toBe('1');
  });
});
