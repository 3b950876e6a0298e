import type { Kysely } from 'kysely';
import type { CommandHandlers } from '../commands/command-handlers.js';
import {
  createArgon2PasswordHasher,
  createCustomerAccounts,
  resolveEmailHashSecret,
  type CustomerAccounts,
  type PasswordHasher,
} from '../commands/customers/index.js';
import type { Config } from '../config.js';
import { createSqlCustomerKeyStore, resolvePiiMasterKey, type CustomerKeyStore } from '../eventstore/pii/index.js';
import type { EventStore } from '../eventstore/types.js';
import type { System } from '../system.js';

/** What seeding needs of a running system: its command side, and accounts that hash cheaply. */
export interface SeedTarget {
  readonly store: EventStore;
  readonly db: Kysely<unknown>;
  readonly commands: CommandHandlers;
  readonly accounts: CustomerAccounts;
}

/**
 * Hashes each distinct password once and hands out that hash again: the demo shop's 120 shoppers
 * share one password, and 120 argon2 hashes at production cost would be most of the seed's time.
 * A PHC hash carries its own salt, so a reused one verifies like any other. Only for seeding.
 */
export function memoizedHasher(inner: PasswordHasher): PasswordHasher {
  const hashes = new Map<string, Promise<string>>();
  return {
    hash(password) {
      let hashed = hashes.get(password);
      if (!hashed) hashes.set(password, (hashed = inner.hash(password)));
      return hashed;
    },
    verify: (passwordHash, password) => inner.verify(passwordHash, password),
  };
}

/** The key store as startSystem makes it: same table, same master key. */
export function customerKeysFor(db: Kysely<unknown>, config: Config, warn: (message: string) => void = () => undefined): CustomerKeyStore {
  return createSqlCustomerKeyStore(db, { masterKey: resolvePiiMasterKey({ value: config.PII_MASTER_KEY, nodeEnv: config.NODE_ENV, warn }) });
}

/**
 * Customer accounts wired as startSystem wires them (same key store, same email-hash secret, so the
 * accounts log in through the system's own `customers`), with the password hasher of the caller's
 * choice. `commands` must be built on the PII-encrypting store.
 */
export function customerAccountsFor(
  commands: CommandHandlers,
  db: Kysely<unknown>,
  config: Config,
  passwords: PasswordHasher,
  warn: (message: string) => void = () => undefined,
): CustomerAccounts {
  return createCustomerAccounts({
    commands,
    keys: customerKeysFor(db, config, warn),
    passwords,
    emailHashSecret: resolveEmailHashSecret({ value: config.EMAIL_HASH_SECRET, nodeEnv: config.NODE_ENV, warn }),
  });
}

/** The system's command side, with a memoized hasher for the seeded accounts (startSystem has warned about secrets already). */
export function seedTargetFor(system: Pick<System, 'store' | 'db' | 'commands'>, config: Config): SeedTarget {
  const accounts = customerAccountsFor(system.commands, system.db, config, memoizedHasher(createArgon2PasswordHasher()));
  return { store: system.store, db: system.db, commands: system.commands, accounts };
}
