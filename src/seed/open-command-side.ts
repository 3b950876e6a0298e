import type { Logger } from 'pino';
import { createCommandHandlers } from '../commands/command-handlers.js';
import { createArgon2PasswordHasher } from '../commands/customers/index.js';
import type { Config } from '../config.js';
import { createReadModelDb } from '../db/create-read-model-db.js';
import { customerPiiFields } from '../domain/customer/index.js';
import { createEventStore } from '../eventstore/create-event-store.js';
import { withPiiEncryption } from '../eventstore/pii/index.js';
import { customerAccountsFor, customerKeysFor, type SeedTarget } from './seed-target.js';

export interface CommandSide extends SeedTarget {
  close(): Promise<void>;
}

/**
 * The write side alone, composed as startSystem composes it (PII encryption over the configured
 * store, the same key store and secrets) but without projections or sagas: for one-off commands
 * such as `commerce create-admin`, which should not start a whole system to append one event.
 * On the embedded PGlite store, stop the server first (one process per data directory).
 */
export async function openCommandSide(config: Config, logger: Logger): Promise<CommandSide> {
  const opened = await createEventStore(config);
  const db = opened.db ?? (await createReadModelDb(config));
  const warn = (message: string) => logger.warn(message);
  const store = withPiiEncryption(opened.store, { keys: customerKeysFor(db, config, warn), piiFields: customerPiiFields });
  const commands = createCommandHandlers(store);
  return {
    store,
    db,
    commands,
    accounts: customerAccountsFor(commands, db, config, createArgon2PasswordHasher(), warn),
    async close() {
      if (!opened.db) await db.destroy();
      await store.close();
    },
  };
}
