import { randomUUID } from 'node:crypto';
import { describeJobQueueContract } from '../contract/job-queue.contract.js';
import { createBullmqJobQueues } from './bullmq-job-queues.js';
import { deleteKeys, TEST_REDIS_URL } from './testing/redis.js';

// Real Redis; a prefix per run, so parallel runs and other suites never see these queues.
describeJobQueueContract('bullmq', async () => {
  const prefix = `test-contract-${randomUUID().slice(0, 8)}`;
  return {
    open: () => createBullmqJobQueues({ url: TEST_REDIS_URL, prefix }),
    dispose: () => deleteKeys(prefix),
  };
});
