import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { createAfterSaleSaga } from './commands/after-sale/after-sale-saga.js';
import { createCheckoutSaga } from './commands/checkout/checkout-saga.js';
import { createCommandHandlers, type CommandHandlers } from './commands/command-handlers.js';
import { createArgon2PasswordHasher, createCustomerAccounts, resolveEmailHashSecret, type CustomerAccounts } from './commands/customers/index.js';
import { runProcessManager, type ProcessManager, type RunningProcessManager } from './commands/process-managers/process-manager-runner.js';
import { createReservationExpiryScheduler } from './commands/reservation-expiry/reservation-expiry-scheduler.js';
import type { Config } from './config.js';
import { createOutboxErasure } from './workers/mailer/outbox/outbox-erasure.js';
import { withUpcasting } from './eventstore/upcasting/index.js';
import { eventUpcasters } from './history/event-upcasters.js';
import { createReadModelDb } from './db/create-read-model-db.js';
import { customerPiiFields } from './domain/customer/index.js';
import { createEventStore, type OpenedEventStore } from './eventstore/create-event-store.js';
import { createSqlCustomerKeyStore, resolvePiiMasterKey, withPiiEncryption } from './eventstore/pii/index.js';
import type { EventStore } from './eventstore/types.js';
import type { PaymentGateway } from './payments/payment-gateway.js';
import { createSandboxGateway } from './payments/sandbox/sandbox-gateway.js';
import { createSqlSandboxLedger } from './payments/sandbox/sql-sandbox-ledger.js';
import { createSqlCheckpointStore } from './projections/checkpoints/checkpoint-store.js';
import { sqlProjections, startProjections } from './projections/registry.js';
import { ensureLiveGeneration } from './projections/runner/generations.js';
import { chooseProjectionLock } from './projections/runner/choose-projection-lock.js';
import { createPostgresProjectionLock } from './projections/runner/postgres-projection-lock.js';
import type { ProjectionLock } from './projections/runner/projection-lock.js';
import type { RunningProjection } from './projections/runner/run-sql-projection.js';
import { createSystemJobs, type SystemJobs } from './workers/admin/system-jobs.js';
import { createJobQueues } from './workers/create-job-queues.js';
import type { JobWorker } from './workers/job-queue.js';
import type { JobSettings } from './workers/jobs/job-catalogue.js';
import { createJobProducers } from './workers/jobs/job-producers.js';
import { createNotificationDispatcher } from './workers/jobs/notifications/notification-dispatcher.js';
import { startJobWorkers, type JobWorkerOptions } from './workers/jobs/start-job-workers.js';
import { createMailer } from './workers/mailer/create-mailer.js';
import { RolesConfigError, systemRoles, type SystemRole } from './workers/roles/roles.js';
import { runExclusively } from './workers/roles/run-exclusively.js';

export { systemRoles, type SystemRole } from './workers/roles/roles.js';

export interface System {
  readonly store: EventStore;
  readonly db: Kysely<unknown>;
  readonly commands: CommandHandlers;
  readonly customers: CustomerAccounts;
  readonly gateway: PaymentGateway;
  /** The projections this process runs: none in an API-only process (reads then ask the database). */
  readonly projections: readonly RunningProjection[];
  readonly processManagers: readonly RunningProcessManager[];
  /** What this process does (see `StartSystemOptions.roles`). */
  readonly roles: readonly SystemRole[];
  /** Dead letters, the outbox, projection rebuilds as jobs: what the admin API calls. */
  readonly jobs: SystemJobs;
  stop(): Promise<void>;
}

export interface StartSystemOptions {
  /**
   * `['api', 'worker']` (default, `npm start`): everything in one process. `['api']`
   * (`npm run start:api`): commands and reads, and it enqueues jobs, but runs no projection, saga or
   * job. `['worker']` (`npm run start:worker`): projections, sagas and job workers, no HTTP. The
   * roles apart share their work through Redis, so they need REDIS_URL.
   */
  readonly roles?: readonly SystemRole[];
  /** Postgres only: the schema to live in (created if missing), so that tests can share a database. */
  readonly schema?: string;
  /** BullMQ only: the key prefix of the queues (default `commerce`). */
  readonly queuePrefix?: string;
  /** Attempts and backoff per kind of job (tests shorten them). */
  readonly jobSettings?: JobSettings;
  readonly workerOptions?: JobWorkerOptions;
  /** Another gateway than the sandbox (tests). */
  readonly gateway?: PaymentGateway;
}

async function openStore(config: Config, schema: string | undefined): Promise<OpenedEventStore> {
  if (schema === undefined || config.EVENT_STORE !== 'postgres') return createEventStore(config);
  const { createPostgresEventStore } = await import('./eventstore/postgres/postgres-event-store.js');
  const store = await createPostgresEventStore({ connectionString: config.DATABASE_URL!, schema });
  return { store, db: store.db };
}

function projectionLock(db: Kysely<unknown>, config: Config, schema: string | undefined, logger: Logger): ProjectionLock {
  if (schema === undefined || !config.DATABASE_URL) return chooseProjectionLock(db, config.DATABASE_URL, logger);
  return createPostgresProjectionLock({ connectionString: config.DATABASE_URL, schema, logger });
}

/**
 * The composition root: adapters chosen from the configuration, then the background work that
 * keeps the system moving (projections, checkout and after-sale sagas, reservation expiry,
 * notifications, job workers) when this process has the worker role. No DI framework: plain
 * functions and objects passed in.
 */
export async function startSystem(config: Config, logger: Logger, options: StartSystemOptions = {}): Promise<System> {
  const roles = [...new Set(options.roles ?? systemRoles)];
  if (roles.length === 0) throw new RolesConfigError('a process needs at least one role: api, worker');
  if (roles.length < systemRoles.length && !config.REDIS_URL) {
    throw new RolesConfigError(`running the ${roles.join(' and ')} role alone needs REDIS_URL: the API and the workers share their jobs through Redis (or run both with npm start)`);
  }
  const opened = await openStore(config, options.schema);
  const db = opened.db ?? (await createReadModelDb(config));
  const warn = (message: string) => logger.warn(message);
  // Personal data in customer streams is encrypted per customer; erasure destroys the key.
  const keys = createSqlCustomerKeyStore(db, { masterKey: resolvePiiMasterKey({ value: config.PII_MASTER_KEY, nodeEnv: config.NODE_ENV, warn }) });
  // Old event versions are upcast to the current schema on every read (src/history/event-upcasters.ts).
  const store = withUpcasting(withPiiEncryption(opened.store, { keys, piiFields: customerPiiFields }), eventUpcasters);
  const commands = createCommandHandlers(store);
  const customers = createCustomerAccounts({
    commands,
    keys,
    passwords: createArgon2PasswordHasher(),
    emailHashSecret: resolveEmailHashSecret({ value: config.EMAIL_HASH_SECRET, nodeEnv: config.NODE_ENV, warn }),
  });
  // The sandbox is the embedded default; its ledger is in the database, so that a card tokenized by
  // the API process is known to the worker that authorizes it. A real processor's adapter goes here.
  const gateway = options.gateway ?? createSandboxGateway({ ledger: createSqlSandboxLedger(db) });
  // The read-model database is DATABASE_URL whenever it is a Postgres server (either store wires it so).
  const lock = projectionLock(db, config, options.schema, logger);
  const queues = createJobQueues(config, db, logger, options.queuePrefix);
  const producers = createJobProducers(queues, options.jobSettings);
  const jobs = createSystemJobs({ queues, producers, db });

  // Reads must never meet a missing table: every projection's live tables exist before the system
  // answers, whichever process runs the projection (an API-only process included).
  for (const projection of sqlProjections) await ensureLiveGeneration(db, projection);

  const background = roles.includes('worker') ? await startBackground() : { projections: [], processManagers: [], workers: [], mailer: undefined };

  async function startBackground() {
    const projections = startProjections(store, db, logger, { lock });
    const checkpoints = createSqlCheckpointStore(db);
    const managers: ProcessManager[] = [
      createCheckoutSaga({ commands, gateway, logger, paymentWorker: { enqueue: producers.authorizePayment, store } }),
      createAfterSaleSaga({ commands, gateway, logger, paymentWorker: { enqueueCapture: producers.capturePayment } }),
      createReservationExpiryScheduler(async (request) => void (await producers.expireReservation(request))),
      createNotificationDispatcher(producers.sendNotification),
      createOutboxErasure(db),
    ];
    // One active instance of each across worker processes, as projections have.
    const processManagers = managers.map((manager) =>
      runExclusively(lock, `process-manager:${manager.name}`, () => runProcessManager(manager, { store, checkpoints, logger }), logger),
    );
    for (const running of [...projections, ...processManagers]) {
      running.done.catch((error: unknown) => logger.error({ err: error }, 'background worker stopped'));
    }
    const mailer = createMailer({ smtpUrl: config.SMTP_URL, db });
    const workers: JobWorker[] = await startJobWorkers({ queues, commands, gateway, store, db, lock, mailer, logger }, options.workerOptions);
    return { projections, processManagers, workers, mailer };
  }

  logger.info({ roles, queues: queues.kind, eventStore: store.kind }, 'system started');
  return {
    store,
    db,
    commands,
    customers,
    gateway,
    projections: background.projections,
    processManagers: background.processManagers,
    roles,
    jobs,
    async stop() {
      // Sagas first (they enqueue), then the jobs in flight finish, then the read side, then connections.
      await Promise.all(background.processManagers.map((r) => r.stop()));
      await Promise.all(background.workers.map((w) => w.close()));
      await Promise.all(background.projections.map((r) => r.stop()));
      await queues.close();
      await background.mailer?.close();
      if (!opened.db) await db.destroy();
      await store.close();
    },
  };
}
