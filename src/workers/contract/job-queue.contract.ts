import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermanentJobError, type ActiveJob, type FailedCursor, type JobInfo, type JobQueue, type JobQueues, type JobState } from '../job-queue.js';

/** Storage a queue backend keeps between `open`s: opening again is what a restart does. */
export interface JobQueueBackend {
  open(): JobQueues;
  dispose(): Promise<void>;
}

/** Polls until `check` answers something other than undefined (or fails the test after the timeout). */
export async function eventually<T>(check: () => Promise<T | undefined> | T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export const stateIs = (queue: JobQueue, id: string, state: JobState) => async () => {
  const job = await queue.get(id);
  return job?.state === state ? job : undefined;
};

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

/**
 * What every queue adapter promises (the Kysely way: one suite, every adapter). Each test uses a
 * queue of its own, so the suite can share one backend.
 */
export function describeJobQueueContract(name: string, openBackend: () => Promise<JobQueueBackend>): void {
  describe(`job queue contract: ${name}`, () => {
    let backend: JobQueueBackend;
    let queues: JobQueues;
    const fresh = () => queues.queue(`contract-${randomUUID().slice(0, 8)}`);

    beforeAll(async () => {
      backend = await openBackend();
      queues = backend.open();
    });
    afterAll(async () => {
      await queues?.close();
      await backend?.dispose();
    });

    it('runs a job once and keeps its result; a second add with the same jobId is the same job', async () => {
      const queue = fresh();
      const seen: ActiveJob[] = [];
      const worker = queue.work(async (job) => {
        seen.push(job);
        return { doubled: (job.data as { n: number }).n * 2 };
      });
      const id = await queue.add('double', { n: 21 }, { jobId: 'double-21' });
      expect(await queue.add('double', { n: 21 }, { jobId: 'double-21' })).toBe(id);
      const done = await eventually(stateIs(queue, id, 'completed'));
      expect(done).toMatchObject({ id: 'double-21', queue: queue.name, name: 'double', data: { n: 21 }, result: { doubled: 42 }, attemptsMade: 1, maxAttempts: 1 });
      expect(done.finishedAt).toBeInstanceOf(Date);
      expect(await queue.add('double', { n: 21 }, { jobId: 'double-21' })).toBe(id);
      await worker.close();
      expect(seen.map((job) => [job.id, job.attempt])).toEqual([['double-21', 1]]);
      expect(await queue.get('no-such-job')).toBeUndefined();
    });

    it('holds a delayed job until its time', async () => {
      const queue = fresh();
      const ranAt: number[] = [];
      const worker = queue.work(async () => void ranAt.push(Date.now()));
      const addedAt = Date.now();
      const id = await queue.add('later', {}, { delayMs: 400 });
      expect((await queue.get(id))?.state).toBe('delayed');
      await eventually(stateIs(queue, id, 'completed'));
      await worker.close();
      // A lower bound only: when it may run, not how fast.
      expect(ranAt[0]! - addedAt).toBeGreaterThanOrEqual(390);
    });

    it('retries a failing job with exponential backoff until it succeeds', async () => {
      const queue = fresh();
      const attempts: { attempt: number; at: number }[] = [];
      const worker = queue.work(async (job) => {
        attempts.push({ attempt: job.attempt, at: Date.now() });
        if (job.attempt < 3) throw new Error(`flaky ${job.attempt}`);
        return 'ok';
      });
      const id = await queue.add('flaky', {}, { attempts: 5, backoffMs: 100 });
      const done = await eventually(stateIs(queue, id, 'completed'));
      await worker.close();
      expect(done).toMatchObject({ attemptsMade: 3, maxAttempts: 5, result: 'ok' });
      expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3]);
      // 100 ms before the first retry, 200 before the second (lower bounds).
      expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(95);
      expect(attempts[2]!.at - attempts[1]!.at).toBeGreaterThanOrEqual(195);
    });

    it('moves a job that used up its attempts to dead letters, from where it can be retried', async () => {
      const queue = fresh();
      let healthy = false;
      const attempts: number[] = [];
      const worker = queue.work(async (job) => {
        attempts.push(job.attempt);
        if (!healthy) throw new Error('downstream unavailable');
        return 'recovered';
      });
      const id = await queue.add('fragile', { order: 'o-1' }, { attempts: 2, backoffMs: 10 });
      const dead = await eventually(stateIs(queue, id, 'failed'));
      expect(dead).toMatchObject({ attemptsMade: 2, failedReason: 'downstream unavailable', data: { order: 'o-1' } });
      expect((await queue.failed({ limit: 10 })).map((job) => job.id)).toEqual([id]);

      healthy = true;
      expect(await queue.retry(id)).toBe('retried');
      const done = await eventually(stateIs(queue, id, 'completed'));
      await worker.close();
      expect(done).toMatchObject({ result: 'recovered', attemptsMade: 1 });
      // Attempts count from one again after a retry from dead letters.
      expect(attempts).toEqual([1, 2, 1]);
      expect(await queue.failed({ limit: 10 })).toEqual([]);
      expect(await queue.retry(id)).toBe('not-failed');
      expect(await queue.retry('no-such-job')).toBe('not-found');
    });

    it('sends a job that throws PermanentJobError to dead letters without retrying', async () => {
      const queue = fresh();
      let runs = 0;
      const worker = queue.work(async () => {
        runs++;
        throw new PermanentJobError('the card processor refused the key');
      });
      const id = await queue.add('doomed', {}, { attempts: 5, backoffMs: 10 });
      const dead = await eventually(stateIs(queue, id, 'failed'));
      await worker.close();
      expect(dead).toMatchObject({ attemptsMade: 1, failedReason: 'the card processor refused the key' });
      expect(runs).toBe(1);
    });

    it('pages dead letters newest first with a cursor that neither skips nor repeats', async () => {
      const queue = fresh();
      const worker = queue.work(async () => {
        throw new PermanentJobError('no');
      });
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        const id = await queue.add('dead', { i }, { jobId: `dead-${i}` });
        await eventually(stateIs(queue, id, 'failed'));
        ids.push(id);
      }
      const cursorOf = (job: JobInfo): FailedCursor => ({ failedAt: job.finishedAt!.getTime(), id: job.id });
      const first = await queue.failed({ limit: 2 });
      // A newer failure between two pages belongs before the cursor: later pages do not see it.
      const late = await queue.add('dead', { i: 5 }, { jobId: 'dead-5' });
      await eventually(stateIs(queue, late, 'failed'));
      const second = await queue.failed({ limit: 2, after: cursorOf(first.at(-1)!) });
      const third = await queue.failed({ limit: 2, after: cursorOf(second.at(-1)!) });
      await worker.close();
      expect([...first, ...second, ...third].map((job) => job.id)).toEqual([...ids].reverse());
    });

    it('runs up to `concurrency` jobs at once and reports progress while running', async () => {
      const queue = fresh();
      const release = deferred();
      let running = 0;
      let most = 0;
      const worker = queue.work(
        async (job) => {
          running++;
          most = Math.max(most, running);
          await job.progress({ step: 'half', percent: 50 });
          await release.promise;
          running--;
          return job.data;
        },
        { concurrency: 3 },
      );
      const ids = await Promise.all(Array.from({ length: 5 }, (_, i) => queue.add('slow', { i })));
      await eventually(async () => (running === 3 ? true : undefined));
      const active = await eventually(stateIs(queue, ids[0]!, 'active'));
      expect(active.progress).toEqual({ step: 'half', percent: 50 });
      release.resolve();
      for (const id of ids) await eventually(stateIs(queue, id, 'completed'));
      await worker.close();
      expect(most).toBe(3);
    });

    it('closes gracefully: the job in flight finishes, nothing new is taken', async () => {
      const queue = fresh();
      const started = deferred();
      const release = deferred();
      const worker = queue.work(async () => {
        started.resolve();
        await release.promise;
        return 'finished';
      });
      const inFlight = await queue.add('long', {});
      await started.promise;
      const closing = worker.close();
      const afterClose = await queue.add('too-late', {});
      release.resolve();
      await closing;
      expect((await queue.get(inFlight))?.state).toBe('completed');
      expect((await queue.get(afterClose))?.state).toBe('waiting');
    });

    it('runs a periodic job once per period, however often it is declared', async () => {
      const queue = fresh();
      const runs: number[] = [];
      const worker = queue.work(async () => void runs.push(Date.now()), { concurrency: 2 });
      await queue.repeat('tick', 'tick', {}, { everyMs: 250 });
      await queue.repeat('tick', 'tick', {}, { everyMs: 250 });
      await eventually(() => (runs.length >= 3 ? true : undefined));
      await worker.close();
      const gaps = runs.slice(1).map((at, i) => at - runs[i]!);
      // Declared twice, it still runs once per period: no two runs in the same period. A duplicate
      // schedule would show gaps near 0; timers and Redis add jitter either way, hence half a period.
      for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(125);
    });

    it('keeps jobs across a restart: what waited or was delayed runs after reopening', async () => {
      const name = `contract-${randomUUID().slice(0, 8)}`;
      const before = queues.queue(name);
      const waitingId = await before.add('survivor', { kept: true }, { jobId: 'survivor' });
      const delayedId = await before.add('survivor-later', { kept: true }, { delayMs: 300 });
      await queues.close();
      queues = backend.open();
      const after = queues.queue(name);
      expect((await after.get(waitingId))?.state).toBe('waiting');
      const worker = after.work(async (job) => job.data);
      expect(await eventually(stateIs(after, waitingId, 'completed'))).toMatchObject({ result: { kept: true } });
      expect(await eventually(stateIs(after, delayedId, 'completed'))).toMatchObject({ result: { kept: true } });
      await worker.close();
    });
  });
}
