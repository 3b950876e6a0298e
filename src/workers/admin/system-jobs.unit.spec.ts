import type { Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually, stateIs } from '../contract/job-queue.contract.js';
import { createInProcessJobQueues } from '../in-process/in-process-job-queues.js';
import { PermanentJobError, type JobQueues } from '../job-queue.js';
import { createJobProducers } from '../jobs/job-producers.js';
import { createSystemJobs } from './system-jobs.js';

describe('System.jobs over in-process queues', () => {
  let queues: JobQueues;
  afterEach(() => queues?.close());
  const open = () => {
    queues = createInProcessJobQueues();
    // The outbox is not listed here: no database needed.
    return createSystemJobs({ queues, producers: createJobProducers(queues), db: undefined as unknown as Kysely<unknown> });
  };

  it('lists the dead letters of every queue in one listing, newest first, page by page', async () => {
    const jobs = open();
    const failing = async () => {
      throw new PermanentJobError('no');
    };
    for (const name of ['payments', 'notifications', 'reservations'] as const) queues.queue(name).work(failing);
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const queue = queues.queue((['payments', 'notifications', 'reservations'] as const)[i % 3]!);
      const id = await queue.add('x', { i }, { jobId: `dead-${i}` });
      await eventually(stateIs(queue, id, 'failed'));
      ids.push(`${queue.name}.${id}`);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const page = await jobs.deadLetters.list({ limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((job) => job.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    // Every one exactly once; newest first (later failures first).
    expect([...seen].sort()).toEqual([...ids].sort());
    const failedAt = await Promise.all(seen.map(async (id) => Date.parse((await jobs.jobStatus(id))!.finishedAt!)));
    expect(failedAt).toEqual([...failedAt].sort((a, b) => b - a));
    await expect(jobs.deadLetters.list({ cursor: 'not-a-cursor' })).rejects.toThrow('invalid pagination cursor');
  });

  it('tells a job that is not there from one that is not a dead letter', async () => {
    const jobs = open();
    const id = await queues.queue('payments').add('authorize-payment', {}, { jobId: 'waiting-one' });
    expect(await jobs.deadLetters.retry(`payments.${id}`)).toEqual({ ok: false, error: 'not-failed' });
    expect(await jobs.deadLetters.retry('payments.nothing-here')).toEqual({ ok: false, error: 'not-found' });
    expect(await jobs.deadLetters.retry('no-such-queue.x')).toEqual({ ok: false, error: 'not-found' });
    expect(await jobs.deadLetters.retry('no-dot')).toEqual({ ok: false, error: 'not-found' });
    expect(await jobs.jobStatus(`payments.${id}`)).toMatchObject({ id: `payments.${id}`, queue: 'payments', state: 'waiting', attemptsMade: 0, finishedAt: null });
  });

  it('enqueues a rebuild of a registered projection, and refuses an unknown one', async () => {
    const jobs = open();
    expect(await jobs.rebuildProjection('no-such-projection')).toEqual({ ok: false, error: 'unknown-projection' });
    const requested = await jobs.rebuildProjection('reservation-deadlines');
    expect(requested).toMatchObject({ ok: true, jobId: expect.stringMatching(/^ops\./) });
    if (requested.ok) expect(await jobs.jobStatus(requested.jobId)).toMatchObject({ name: 'rebuild-projection', state: 'waiting', data: { projection: 'reservation-deadlines' } });
  });
});
