/**
 * A worker process for `npm run bench:workers`: works queue QUEUE under PREFIX with our BullMQ
 * adapter. MODE=noop returns at once; MODE=expire runs the reservation-expiry job against the
 * Postgres schema SCHEMA. Prints READY once it takes jobs; SIGTERM closes it gracefully.
 */
import { createCommandHandlers } from '../../src/commands/command-handlers.js';
import { createPostgresEventStore } from '../../src/eventstore/postgres/postgres-event-store.js';
import { createBullmqJobQueues } from '../../src/workers/bullmq/bullmq-job-queues.js';
import type { JobHandler } from '../../src/workers/job-queue.js';
import { expireReservationJob } from '../../src/workers/jobs/reservations/reservation-jobs.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const queues = createBullmqJobQueues({ url: env('REDIS_URL'), prefix: env('PREFIX') });
const store = process.env.MODE === 'expire'
  ? await createPostgresEventStore({ connectionString: env('DATABASE_URL'), schema: env('SCHEMA'), migrate: false, maxConnections: 24 })
  : undefined;
const handler: JobHandler = store ? expireReservationJob({ commands: createCommandHandlers(store), db: store.db }) : async () => null;
const worker = queues.queue(env('QUEUE')).work(handler, { concurrency: Number(process.env.CONCURRENCY ?? 50) });
await worker.ready();
process.stdout.write('READY\n');

process.once('SIGTERM', () => {
  void (async () => {
    await queues.close();
    await store?.close();
    process.exit(0);
  })();
});
