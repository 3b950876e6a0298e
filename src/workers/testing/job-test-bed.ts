import { randomUUID } from 'node:crypto';
import { sqlStores, type OpenedStore } from '../../../test/support/stores.js';
import { createCommandHandlers, type CommandHandlers } from '../../commands/command-handlers.js';
import { runProcessManager, type ProcessManager, type RunningProcessManager } from '../../commands/process-managers/process-manager-runner.js';
import { createSqlCheckpointStore, type CheckpointStore } from '../../projections/checkpoints/checkpoint-store.js';
import { createBullmqJobQueues } from '../bullmq/bullmq-job-queues.js';
import { deleteKeys, TEST_REDIS_URL } from '../bullmq/testing/redis.js';
import type { JobQueues, JobWorker } from '../job-queue.js';
import type { JobSettings } from '../jobs/job-catalogue.js';
import { createJobProducers, type JobProducers } from '../jobs/job-producers.js';

/** What a job test runs on: a fresh Postgres schema, BullMQ queues under a prefix of their own. */
export interface JobTestBed {
  readonly opened: OpenedStore;
  readonly commands: CommandHandlers;
  readonly checkpoints: CheckpointStore;
  readonly queues: JobQueues;
  readonly producers: JobProducers;
  /** Starts a process manager that is stopped with the bed. */
  run(manager: ProcessManager): RunningProcessManager;
  /** Keeps a worker to close with the bed. */
  track(worker: JobWorker): JobWorker;
  dispose(): Promise<void>;
}

export async function openJobTestBed(settings: JobSettings = {}): Promise<JobTestBed> {
  const opened = await sqlStores.find((s) => s.name === 'postgres')!.open();
  const prefix = `test-jobs-${randomUUID().slice(0, 8)}`;
  const queues = createBullmqJobQueues({ url: TEST_REDIS_URL, prefix });
  const commands = createCommandHandlers(opened.store);
  const checkpoints = createSqlCheckpointStore(opened.db);
  const running: RunningProcessManager[] = [];
  const workers: JobWorker[] = [];
  return {
    opened,
    commands,
    checkpoints,
    queues,
    producers: createJobProducers(queues, settings),
    run(manager) {
      const started = runProcessManager(manager, { store: opened.store, checkpoints });
      running.push(started);
      return started;
    },
    track(worker) {
      workers.push(worker);
      return worker;
    },
    async dispose() {
      await Promise.all(running.map((r) => r.stop()));
      await Promise.all(workers.map((w) => w.close()));
      await queues.close();
      await deleteKeys(prefix);
      await opened.dispose();
    },
  };
}
