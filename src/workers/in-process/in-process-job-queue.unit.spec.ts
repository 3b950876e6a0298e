import { describeJobQueueContract } from '../contract/job-queue.contract.js';
import { createInProcessJobQueues } from './in-process-job-queues.js';
import { createMemoryJobJournal } from './job-journal.js';

// The embedded default against the same contract as BullMQ; the journal lives in memory here.
describeJobQueueContract('in-process', async () => {
  const journal = createMemoryJobJournal();
  return { open: () => createInProcessJobQueues({ journal }), dispose: async () => undefined };
});
