import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { CommandHandlers } from '../../commands/command-handlers.js';
import type { EventStore } from '../../eventstore/types.js';
import type { PaymentGateway } from '../../payments/payment-gateway.js';
import type { ProjectionLock } from '../../projections/runner/projection-lock.js';
import { PermanentJobError, type JobHandler, type JobQueues, type JobWorker, type WorkOptions } from '../job-queue.js';
import type { Mailer } from '../mailer/mailer.js';
import { jobKinds, queueConcurrency, queueNames, SWEEP_EVERY_MS, type QueueName } from './job-catalogue.js';
import { sendNotificationJob } from './notifications/send-notification-job.js';
import { rebuildProjectionJob } from './ops/rebuild-projection-job.js';
import { authorizePaymentJob, capturePaymentJob } from './payments/payment-jobs.js';
import { expireReservationJob, sweepReservationsJob } from './reservations/reservation-jobs.js';

export interface JobWorkerDeps {
  readonly queues: JobQueues;
  readonly commands: CommandHandlers;
  readonly gateway: PaymentGateway;
  readonly store: EventStore;
  readonly db: Kysely<unknown>;
  readonly lock: ProjectionLock;
  readonly mailer: Mailer;
  readonly logger?: Logger;
  readonly now?: () => Date;
}

export interface JobWorkerOptions extends Omit<WorkOptions, 'concurrency'> {
  readonly concurrency?: Partial<Record<QueueName, number>>;
  /** The reservation sweep's period (default 30 s). */
  readonly sweepEveryMs?: number;
  /** Which queues this process works (default all). */
  readonly queues?: readonly QueueName[];
}

/** One handler per job name; a name nobody handles (a newer producer, an older worker) is a dead letter. */
function route(queue: QueueName, handlers: Readonly<Record<string, JobHandler>>): JobHandler {
  return async (job) => {
    const handler = handlers[job.name];
    if (!handler) throw new PermanentJobError(`queue ${queue} has no handler for jobs named ${job.name}`);
    return handler(job);
  };
}

/**
 * The worker role's jobs: a worker per queue, and the periodic reservation sweep declared (once
 * per period across all processes, whoever declares it). Resolves once every worker takes jobs.
 */
export async function startJobWorkers(deps: JobWorkerDeps, options: JobWorkerOptions = {}): Promise<JobWorker[]> {
  const common = { commands: deps.commands, ...(deps.now ? { now: deps.now } : {}) };
  const handlers: Record<QueueName, Record<string, JobHandler>> = {
    payments: {
      [jobKinds.authorizePayment.name]: authorizePaymentJob({ ...common, gateway: deps.gateway }),
      [jobKinds.capturePayment.name]: capturePaymentJob({ ...common, gateway: deps.gateway }),
    },
    reservations: {
      [jobKinds.expireReservation.name]: expireReservationJob({ ...common, db: deps.db }),
      [jobKinds.sweepReservations.name]: sweepReservationsJob({ ...common, db: deps.db }),
    },
    notifications: {
      [jobKinds.sendNotification.name]: sendNotificationJob({ commands: deps.commands, db: deps.db, mailer: deps.mailer, ...(deps.logger ? { logger: deps.logger } : {}) }),
    },
    ops: {
      [jobKinds.rebuildProjection.name]: rebuildProjectionJob({ store: deps.store, db: deps.db, lock: deps.lock, ...(deps.logger ? { logger: deps.logger } : {}) }),
    },
  };
  const { lockDurationMs, stalledIntervalMs } = options;
  const workers = (options.queues ?? queueNames).map((queue) =>
    deps.queues.queue(queue).work(route(queue, handlers[queue]), {
      concurrency: options.concurrency?.[queue] ?? queueConcurrency[queue],
      ...(lockDurationMs !== undefined ? { lockDurationMs } : {}),
      ...(stalledIntervalMs !== undefined ? { stalledIntervalMs } : {}),
    }),
  );
  if (!options.queues || options.queues.includes('reservations')) {
    const sweep = jobKinds.sweepReservations;
    await deps.queues.queue(sweep.queue).repeat(sweep.name, sweep.name, {}, { everyMs: options.sweepEveryMs ?? SWEEP_EVERY_MS });
  }
  await Promise.all(workers.map((worker) => worker.ready()));
  return workers;
}
