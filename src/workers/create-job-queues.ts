import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { createBullmqJobQueues } from './bullmq/bullmq-job-queues.js';
import { createInProcessJobQueues } from './in-process/in-process-job-queues.js';
import { createSqlJobJournal } from './in-process/sql-job-journal.js';
import type { JobQueues } from './job-queue.js';

/**
 * BullMQ when REDIS_URL is set (production, and any setup with more than one process); otherwise
 * the in-process queues, journaled in the database so that a restart loses no job.
 */
export function createJobQueues(config: Pick<Config, 'REDIS_URL'>, db: Kysely<unknown>, logger: Logger, prefix?: string): JobQueues {
  if (config.REDIS_URL) return createBullmqJobQueues({ url: config.REDIS_URL, logger, ...(prefix !== undefined ? { prefix } : {}) });
  return createInProcessJobQueues({
    journal: createSqlJobJournal(db),
    onJournalError: (error) => logger.warn({ err: error }, 'could not write a job to the journal'),
  });
}
