import type { Kysely } from 'kysely';
import { decodeCursor, pageSize, toPage, type Page } from '../../projections/read-models/shared/pagination.js';
import { findProjection } from '../../projections/registry.js';
import { parsePublicJobId } from '../job-ids.js';
import type { FailedCursor, JobInfo, JobQueues } from '../job-queue.js';
import { queueNames, type QueueName } from '../jobs/job-catalogue.js';
import type { JobProducers } from '../jobs/job-producers.js';
import { listOutbox, type OutboxMessage } from '../mailer/outbox/outbox-queries.js';
import { toJobView, type JobView } from './job-view.js';

export interface ListOptions {
  /** 1 to 100 (default 20). */
  readonly limit?: number;
  /** `nextCursor` of the previous page; a cursor from elsewhere throws `InvalidCursorError`. */
  readonly cursor?: string;
}

export type RetryResult = { readonly ok: true; readonly job: JobView } | { readonly ok: false; readonly error: 'not-found' | 'not-failed' };
export type RebuildRequest = { readonly ok: true; readonly jobId: string } | { readonly ok: false; readonly error: 'unknown-projection' };

/** What the admin HTTP routes need from the job system (`System.jobs`). */
export interface SystemJobs {
  /** Which queue backend runs the jobs: BullMQ (REDIS_URL) or this process. */
  readonly backend: 'bullmq' | 'in-process';
  readonly deadLetters: {
    /** Jobs that failed for good, from every queue, newest first. */
    list(options?: ListOptions): Promise<Page<JobView>>;
    /** Runs a dead letter again, attempts counted from zero. `not-failed`: it is not (or no longer) a dead letter. */
    retry(id: string): Promise<RetryResult>;
  };
  readonly outbox: {
    /** Mail written to the outbox table (no SMTP_URL), newest first. With SMTP it stays empty. */
    list(options?: ListOptions): Promise<Page<OutboxMessage>>;
  };
  /** Enqueues a blue/green rebuild of a registered projection; follow it with `jobStatus`. */
  rebuildProjection(name: string): Promise<RebuildRequest>;
  /** Any job by public id, with its progress (a rebuild reports phase, done, total, percent). */
  jobStatus(id: string): Promise<JobView | undefined>;
}

const isQueueName = (name: string): name is QueueName => (queueNames as readonly string[]).includes(name);

/**
 * Dead letters of all queues in one listing, ordered by (failedAt, queue, id), all descending.
 * Each queue pages by (failedAt, id); this translates the global cursor into each queue's terms.
 */
function afterFor(queue: string, cursor: { failedAt: number; queue: string; id: string } | undefined): FailedCursor | undefined {
  if (!cursor) return undefined;
  if (queue === cursor.queue) return { failedAt: cursor.failedAt, id: cursor.id };
  // At the cursor's instant, a queue that sorts after the cursor's has all its jobs still to come; one before, none.
  return { failedAt: cursor.failedAt, id: queue < cursor.queue ? '\uffff' : '' };
}

const failedAtOf = (job: JobInfo) => job.finishedAt?.getTime() ?? 0;

function compareGlobal(a: JobInfo, b: JobInfo): number {
  if (failedAtOf(a) !== failedAtOf(b)) return failedAtOf(b) - failedAtOf(a);
  if (a.queue !== b.queue) return a.queue < b.queue ? 1 : -1;
  return a.id === b.id ? 0 : a.id < b.id ? 1 : -1;
}

export function createSystemJobs(deps: { readonly queues: JobQueues; readonly producers: JobProducers; readonly db: Kysely<unknown> }): SystemJobs {
  const { queues } = deps;
  const infoOf = async (publicId: string): Promise<JobInfo | undefined> => {
    const parsed = parsePublicJobId(publicId);
    if (!parsed || !isQueueName(parsed.queue)) return undefined;
    return queues.queue(parsed.queue).get(parsed.id);
  };

  return {
    backend: queues.kind,
    deadLetters: {
      async list(options = {}) {
        const size = pageSize(options.limit);
        const cursor = options.cursor === undefined ? undefined : decodeCursor(options.cursor, ['number', 'string', 'string']);
        const position = cursor ? { failedAt: cursor[0] as number, queue: cursor[1] as string, id: cursor[2] as string } : undefined;
        const perQueue = await Promise.all(
          queueNames.map((name) => {
            const after = afterFor(name, position);
            return queues.queue(name).failed({ limit: size + 1, ...(after ? { after } : {}) });
          }),
        );
        const merged = perQueue.flat().sort(compareGlobal).slice(0, size + 1);
        return toPage(merged, size, toJobView, (job) => [failedAtOf(job), job.queue, job.id]);
      },
      async retry(id) {
        const parsed = parsePublicJobId(id);
        if (!parsed || !isQueueName(parsed.queue)) return { ok: false, error: 'not-found' };
        const queue = queues.queue(parsed.queue);
        const outcome = await queue.retry(parsed.id);
        if (outcome !== 'retried') return { ok: false, error: outcome };
        const job = await queue.get(parsed.id);
        return job ? { ok: true, job: toJobView(job) } : { ok: false, error: 'not-found' };
      },
    },
    outbox: {
      list: (options = {}) => listOutbox(deps.db, options),
    },
    async rebuildProjection(name) {
      if (!findProjection(name)) return { ok: false, error: 'unknown-projection' };
      return { ok: true, jobId: await deps.producers.rebuildProjection(name) };
    },
    async jobStatus(id) {
      const job = await infoOf(id);
      return job ? toJobView(job) : undefined;
    },
  };
}
