import { UnrecoverableError, Worker } from 'bullmq';
import { errorMessage, PermanentJobError, type JobHandler, type JobProgress, type JobWorker, type WorkOptions } from '../job-queue.js';
import { connectionOf, DEFAULT_PREFIX, type BullmqQueueConfig } from './bullmq-queue-config.js';

/**
 * A BullMQ worker running `handler`. Each job is locked by the worker that took it and the lock is
 * renewed while it runs; if the worker dies (SIGKILL, lost network) the lock expires and another
 * worker's stalled-job check moves the job back to wait, so it runs again elsewhere.
 */
export function createBullmqJobWorker(queue: string, handler: JobHandler, options: WorkOptions, config: BullmqQueueConfig): JobWorker {
  const log = config.logger?.child({ queue });
  const worker = new Worker(
    queue,
    async (job) => {
      try {
        const result = await handler({
          id: job.id!,
          name: job.name,
          data: job.data,
          attempt: job.attemptsMade + 1,
          maxAttempts: job.opts.attempts ?? 1,
          progress: (value: JobProgress) => job.updateProgress(value as object | number),
        });
        return result ?? null;
      } catch (error) {
        // BullMQ's way of saying "no retry": the job fails for good at once.
        if (error instanceof PermanentJobError) throw new UnrecoverableError(error.message);
        throw error;
      }
    },
    {
      connection: connectionOf(config),
      prefix: config.prefix ?? DEFAULT_PREFIX,
      concurrency: options.concurrency ?? 1,
      ...(options.lockDurationMs !== undefined ? { lockDuration: options.lockDurationMs } : {}),
      ...(options.stalledIntervalMs !== undefined ? { stalledInterval: options.stalledIntervalMs } : {}),
    },
  );
  // An EventEmitter throws an 'error' nobody listens to: connection trouble is logged, and BullMQ reconnects.
  worker.on('error', (error) => log?.warn({ err: error }, 'job worker error'));
  worker.on('failed', (job, error) => {
    if (!job) return;
    const final = job.finishedOn !== undefined && (error instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1));
    log?.warn({ jobId: job.id, job: job.name, attempt: job.attemptsMade, final, reason: errorMessage(error) }, final ? 'job moved to dead letters' : 'job failed; will retry');
  });
  return {
    ready: async () => {
      await worker.waitUntilReady();
    },
    // Without `force`, close waits for the jobs in flight to finish.
    close: () => worker.close(),
  };
}
