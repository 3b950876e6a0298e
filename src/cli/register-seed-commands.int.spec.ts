import { randomUUID } from 'node:crypto';
import { Command } from 'commander';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlStores, type OpenedStore } from '../../test/support/stores.js';
import { createCommandHandlers } from '../commands/command-handlers.js';
import { createArgon2PasswordHasher } from '../commands/customers/index.js';
import { loadConfig } from '../config.js';
import { customerPiiFields } from '../domain/customer/index.js';
import { withPiiEncryption } from '../eventstore/pii/index.js';
import type { CommandSide } from '../seed/open-command-side.js';
import { customerAccountsFor, customerKeysFor } from '../seed/seed-target.js';
import { registerSeedCommands } from './register-seed-commands.js';
import { runCli } from './run-cli.js';

const postgres = sqlStores.find((s) => s.name === 'postgres')!;
const config = loadConfig({ EVENT_STORE: 'pglite', LOG_LEVEL: 'silent' });

/** `commerce create-admin` (and the seed command's argument checks) in-process, on a fresh Postgres schema. */
describe('commerce create-admin', () => {
  let opened: OpenedStore;
  let side: CommandSide;

  beforeAll(async () => {
    opened = await postgres.open();
    const store = withPiiEncryption(opened.store, { keys: customerKeysFor(opened.db, config), piiFields: customerPiiFields });
    const commands = createCommandHandlers(store);
    const accounts = customerAccountsFor(commands, opened.db, config, createArgon2PasswordHasher({ memoryCost: 4096, timeCost: 2, parallelism: 1 }));
    side = { store, db: opened.db, commands, accounts, close: async () => undefined };
  });
  afterAll(() => opened?.dispose());

  async function cli(argv: string[], env: NodeJS.ProcessEnv = {}) {
    const out: string[] = [];
    const err: string[] = [];
    const program = new Command('commerce');
    registerSeedCommands(
      program,
      { config: () => config, logger: () => pino({ level: 'silent' }), out: (line) => out.push(line) },
      {
        openCommandSide: async () => side,
        startSystem: () => Promise.reject(new Error('no system in this test')),
        env,
      },
    );
    const code = await runCli(program, argv, { err: (line) => err.push(line), out: (text) => out.push(text) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('creates an admin who can log in, from flags or from ADMIN_EMAIL / ADMIN_PASSWORD, idempotently', async () => {
    const email = `ops.${randomUUID().slice(0, 8)}@example.com`;
    const created = await cli(['create-admin', '--email', email, '--password', 'correct horse battery']);
    expect(created).toMatchObject({ code: 0, err: '' });
    expect(created.out).toMatch(new RegExp(`^created the admin account ${email.replace('.', '\\.')} \\(customer id [0-9a-f-]{36}\\)$`));
    expect(await side.accounts.authenticate(email, 'correct horse battery')).toMatchObject({ ok: true, roles: ['customer', 'admin'] });

    const again = await cli(['create-admin'], { ADMIN_EMAIL: email, ADMIN_PASSWORD: 'correct horse battery' });
    expect(again.out).toMatch(/is already an admin/);
  });

  it('promotes an existing account and says when its password was kept, or resets it when asked', async () => {
    const email = `shopper.${randomUUID().slice(0, 8)}@example.com`;
    await side.accounts.registerCustomer({ email, name: 'Ada Shopper', password: 'the old password' }, { commandId: randomUUID() });
    const promoted = await cli(['create-admin', '--email', email], { ADMIN_PASSWORD: 'a new password' });
    expect(promoted.code).toBe(0);
    expect(promoted.out).toMatch(/\(an existing account\) is now an admin .*password was NOT changed/);
    expect(await side.accounts.authenticate(email, 'the old password')).toMatchObject({ ok: true, roles: ['customer', 'admin'] });

    const reset = await cli(['create-admin', '--email', email, '--reset-password'], { ADMIN_PASSWORD: 'a new password' });
    expect(reset.out).toMatch(/already an admin .*password was reset/);
    expect(await side.accounts.authenticate(email, 'a new password')).toMatchObject({ ok: true, roles: ['customer', 'admin'] });
  });

  it('answers misuse with one line and exit code 2', async () => {
    expect(await cli(['create-admin', '--password', 'correct horse battery'])).toMatchObject({ code: 2, err: 'error: give --email or set ADMIN_EMAIL' });
    expect(await cli(['create-admin', '--email', 'x@example.com'])).toMatchObject({ code: 2, err: 'error: give --password or set ADMIN_PASSWORD' });
    const weak = await cli(['create-admin', '--email', `weak.${randomUUID().slice(0, 8)}@example.com`, '--password', 'short']);
    expect(weak.code).toBe(2);
    expect(weak.err).toMatch(/^error: could not make .* an admin: WEAK_PASSWORD/);
    expect(await cli(['seed', '--customers', '0'])).toMatchObject({ code: 2, err: 'error: --customers must be at least 1' });
    const notANumber = await cli(['seed', '--products', 'many']);
    expect(notANumber.code).toBe(2);
    expect(notANumber.err).toMatch(/--products <n>.*expected a whole number/);
  });

  it('has help with examples', async () => {
    const help = await cli(['seed', '--help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/Examples:\n {2}\$ npm run seed/);
    expect((await cli(['create-admin', '--help'])).out).toMatch(/--reset-password/);
  });
});
