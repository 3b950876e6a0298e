import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { createAfterSaleSaga } from './commands/after-sale/after-sale-saga.js';
import { createCheckoutSaga } from './commands/checkout/checkout-saga.js';
import { createCommandHandlers, type CommandHandlers } from './commands/command-handlers.js';
import { runProcessManager, type RunningProcessManager } from './commands/process-managers/process-manager-runner.js';
import { sweepExpiredReservations } from './commands/reservation-expiry/sweep-expired-reservations.js';
import { createArgon2PasswordHasher, createCustomerAccounts, resolveEmailHashSecret, type CustomerAccounts } from './commands/customers/index.js';
import type { Config } from './config.js';
import { customerPiiFields } from './domain/customer/index.js';
import { createSqlCustomerKeyStore, resolvePiiMasterKey, withPiiEncryption } from './eventstore/pii/index.js';
import { createReadModelDb } from './db/create-read-model-db.js';
import { createEventStore } from './eventstore/create-event-store.js';
import type { EventStore } from './eventstore/types.js';
import type { PaymentGateway } from './payments/payment-gateway.js';
import { createSandboxGateway } from './payments/sandbox/sandbox-gateway.js';
import { createSqlCheckpointStore } from './projections/checkpoints/checkpoint-store.js';
import { startProjections } from './projections/registry.js';
import { chooseProjectionLock } from './projections/runner/choose-projection-lock.js';
import type { RunningProjection } from './projections/runner/run-sql-projection.js';

export interface System {
  readonly store: EventStore;
  readonly db: Kysely<unknown>;
  readonly commands: CommandHandlers;
  readonly customers: CustomerAccounts;
  readonly gateway: PaymentGateway;
  readonly projections: readonly RunningProjection[];
  readonly processManagers: readonly RunningProcessManager[];
  stop(): Promise<void>;
}

/**
 * The composition root: adapters chosen from the configuration, then the background work that
 * keeps the system moving (checkout saga, reservation deadlines, expiry sweep). No DI framework:
 * plain functions and objects passed in.
 */
export async function startSystem(config: Config, logger: Logger): Promise<System> {
  const opened = await createEventStore(config);
  const db = opened.db ?? (await createReadModelDb(config));
  const warn = (message: string) => logger.warn(message);
  // Personal data in customer streams is encrypted per customer; erasure destroys the key.
  const keys = createSqlCustomerKeyStore(db, { masterKey: resolvePiiMasterKey({ value: config.PII_MASTER_KEY, nodeEnv: config.NODE_ENV, warn }) });
  const store = withPiiEncryption(opened.store, { keys, piiFields: customerPiiFields });
  const commands = createCommandHandlers(store);
  const customers = createCustomerAccounts({
    commands,
    keys,
    passwords: createArgon2PasswordHasher(),
    emailHashSecret: resolveEmailHashSecret({ value: config.EMAIL_HASH_SECRET, nodeEnv: config.NODE_ENV, warn }),
  });
  // The sandbox is the embedded default; a real processor's adapter would be chosen here from config.
  const gateway = createSandboxGateway();

  // The read-model database is DATABASE_URL whenever it is a Postgres server (either store wires it so).
  const projections = startProjections(store, db, logger, { lock: chooseProjectionLock(db, config.DATABASE_URL, logger) });
  const checkpoints = createSqlCheckpointStore(db);
  const processManagers = [
    runProcessManager(createCheckoutSaga({ commands, gateway, logger }), { store, checkpoints, logger }),
    runProcessManager(createAfterSaleSaga({ commands, gateway, logger }), { store, checkpoints, logger }),
  ];
  for (const running of [...projections, ...processManagers]) {
    running.done.catch((error: unknown) => logger.error({ err: error }, 'background worker stopped'));
  }

  // In-process schedule for the embedded default; the BullMQ repeatable job replaces it with REDIS_URL.
  const sweep = setInterval(() => {
    sweepExpiredReservations({ db, commands, now: () => new Date() })
      .then(({ expired }) => expired > 0 && logger.info({ expired }, 'expired overdue reservations'))
      .catch((error: unknown) => logger.warn({ err: error }, 'reservation sweep failed'));
  }, 30_000);

  return {
    store,
    db,
    commands,
    customers,
    gateway,
    projections,
    processManagers,
    async stop() {
      clearInterval(sweep);
      await Promise.all([...processManagers, ...projections].map((r) => r.stop()));
      if (!opened.db) await db.destroy();
      await store.close();
    },
  };
}
