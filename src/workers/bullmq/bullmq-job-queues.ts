import { Redis } from 'ioredis';
import type { JobQueues } from '../job-queue.js';
import { createBullmqJobQueue, type BullmqJobQueue } from './bullmq-job-queue.js';
import type { BullmqQueueConfig } from './bullmq-queue-config.js';

/**
 * The production backend: BullMQ queues on one Redis, shared by every process of the system, so
 * that N worker processes split the jobs between them and each job runs once (per attempt).
 */
export function createBullmqJobQueues(config: BullmqQueueConfig): JobQueues {
  // For what BullMQ has no call for (paging dead letters by score); lazy: a producer may never list.
  const admin = new Redis(config.url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  admin.on('error', (error) => config.logger?.warn({ err: error }, 'redis admin connection error'));
  const queues = new Map<string, BullmqJobQueue>();
  let closed = false;
  return {
    kind: 'bullmq',
    queue(name) {
      if (closed) throw new Error('job queues are closed');
      let queue = queues.get(name);
      if (!queue) {
        queue = createBullmqJobQueue(name, config, admin);
        queues.set(name, queue);
      }
      return queue;
    },
    async close() {
      closed = true;
      await Promise.all([...queues.values()].map((queue) => queue.close()));
      admin.disconnect();
    },
  };
}
