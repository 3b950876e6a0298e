import { sqlStores } from '../../../test/support/stores.js';
import { describeJobQueueContract } from '../contract/job-queue.contract.js';
import { createInProcessJobQueues } from './in-process-job-queues.js';
import { createSqlJobJournal } from './sql-job-journal.js';

// The in-process adapter as `npm start` wires it: journaled in the database (a fresh Postgres schema).
describeJobQueueContract('in-process, journaled in postgres', async () => {
  const opened = await sqlStores.find((s) => s.name === 'postgres')!.open();
  const journal = createSqlJobJournal(opened.db);
  return { open: () => createInProcessJobQueues({ journal }), dispose: opened.dispose };
});
