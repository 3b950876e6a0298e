import type { JobQueues } from '../job-queue.js';
import { createInProcessJobQueue, type InProcessJobQueue, type InProcessQueueOptions } from './in-process-job-queue.js';

/** The embedded backend: every queue lives in this process (and in the journal, when one is given). */
export function createInProcessJobQueues(options: InProcessQueueOptions = {}): JobQueues {
  const queues = new Map<string, InProcessJobQueue>();
  let closed = false;
  return {
    kind: 'in-process',
    queue(name) {
      if (closed) throw new Error('job queues are closed');
      let queue = queues.get(name);
      if (!queue) {
        queue = createInProcessJobQueue(name, options);
        queues.set(name, queue);
      }
      return queue;
    },
    async close() {
      closed = true;
      await Promise.all([...queues.values()].map((queue) => queue.close()));
    },
  };
}
