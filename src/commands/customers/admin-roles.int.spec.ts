import { randomBytes, randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlStores, type OpenedStore } from '../../../test/support/stores.js';
import { customerPiiFields, customerStreamName } from '../../domain/customer/index.js';
import { createSqlCustomerKeyStore } from '../../eventstore/pii/customer-key-store.js';
import { withPiiEncryption } from '../../eventstore/pii/pii-encrypting-event-store.js';
import type { EventStore } from '../../eventstore/types.js';
import { bootstrapAdminFromEnv } from '../../seed/bootstrap-admin-from-env.js';
import { createCommandHandlers } from '../command-handlers.js';
import { bootstrapActor } from './bootstrap-admin.js';
import { createCustomerAccounts, type CustomerAccounts } from './customer-accounts.js';
import { createArgon2PasswordHasher } from './password-hasher.js';

const passwords = createArgon2PasswordHasher({ memoryCost: 4096, timeCost: 2, parallelism: 1 });
const uniqueEmail = (label: string) => `${label}.${randomUUID().slice(0, 8)}@example.com`;
const at = () => new Date().toISOString();

describe.each(sqlStores)('admin bootstrap and roles on $name', ({ open }) => {
  let opened: OpenedStore;
  let store: EventStore;
  let accounts: CustomerAccounts;
  const eventsOf = async (customerId: string) => (await store.readStream(customerStreamName(customerId))).map((e) => e.type);

  beforeAll(async () => {
    opened = await open();
    const keys = createSqlCustomerKeyStore(opened.db, { masterKey: randomBytes(32) });
    store = withPiiEncryption(opened.store, { keys, piiFields: customerPiiFields });
    accounts = createCustomerAccounts({ commands: createCommandHandlers(store), keys, passwords, emailHashSecret: randomBytes(32) });
  });
  afterAll(() => opened?.dispose());

  it('creates the first admin, who can log in; a repeat changes nothing', async () => {
    const email = uniqueEmail('Root');
    const created = await accounts.bootstrapAdmin({ email, password: 'correct horse battery' });
    expect(created).toMatchObject({ ok: true, outcome: 'created', password: 'set', roles: ['customer', 'admin'] });
    if (!created.ok) return;
    expect(await accounts.authenticate(email, 'correct horse battery')).toMatchObject({ ok: true, customerId: created.customerId, roles: ['customer', 'admin'] });

    const events = await eventsOf(created.customerId);
    expect(await accounts.bootstrapAdmin({ email, password: 'correct horse battery' })).toMatchObject({ ok: true, outcome: 'unchanged', password: 'matches', customerId: created.customerId });
    expect(await eventsOf(created.customerId)).toEqual(events);
  });

  it('gives an existing account the admin role, keeping a password that differs unless asked to reset it', async () => {
    const email = uniqueEmail('Shopper');
    const registered = await accounts.registerCustomer({ email, name: 'Ada Shopper', password: 'the old password' }, { commandId: randomUUID() });
    if (!registered.ok) throw new Error(registered.error.message);

    const promoted = await accounts.bootstrapAdmin({ email, password: 'a new password' });
    expect(promoted).toMatchObject({ ok: true, outcome: 'promoted', password: 'kept', customerId: registered.customerId });
    expect(await accounts.authenticate(email, 'the old password')).toMatchObject({ ok: true, roles: ['customer', 'admin'] });
    expect(await accounts.authenticate(email, 'a new password')).toMatchObject({ ok: false });
    expect(await eventsOf(registered.customerId)).toEqual(['CustomerRegistered', 'CustomerRoleGranted']);

    const reset = await accounts.bootstrapAdmin({ email, password: 'a new password', resetPassword: true });
    expect(reset).toMatchObject({ ok: true, outcome: 'unchanged', password: 'reset' });
    expect(await accounts.authenticate(email, 'a new password')).toMatchObject({ ok: true });
    expect(await accounts.bootstrapAdmin({ email, password: 'a new password', resetPassword: true })).toMatchObject({ password: 'matches' });
  });

  it('refuses a weak password for a new admin, and reads ADMIN_EMAIL / ADMIN_PASSWORD for npm start', async () => {
    expect(await accounts.bootstrapAdmin({ email: uniqueEmail('weak'), password: 'short' })).toMatchObject({ ok: false, error: { code: 'WEAK_PASSWORD' } });
    const logger = pino({ level: 'silent' });
    expect(await bootstrapAdminFromEnv(accounts, logger, {})).toBeUndefined();
    const email = uniqueEmail('FromEnv');
    expect(await bootstrapAdminFromEnv(accounts, logger, { ADMIN_EMAIL: email, ADMIN_PASSWORD: 'from the environment' })).toMatchObject({ ok: true, outcome: 'created' });
    expect(await accounts.authenticate(email, 'from the environment')).toMatchObject({ ok: true, roles: ['customer', 'admin'] });
    await expect(bootstrapAdminFromEnv(accounts, logger, { ADMIN_EMAIL: email })).rejects.toThrow(/both ADMIN_EMAIL and ADMIN_PASSWORD/);
  });

  it('sets the whole set of roles with one grant or revocation per change, idempotently', async () => {
    const registered = await accounts.registerCustomer({ email: uniqueEmail('Seller'), name: 'Sam Seller', password: 'correct horse battery' }, { commandId: randomUUID() });
    if (!registered.ok) throw new Error(registered.error.message);
    const { customerId } = registered;
    const set = (roles: ('customer' | 'seller' | 'admin')[], actor = bootstrapActor) => accounts.setRoles({ customerId, roles, actor, at: at() }, { commandId: randomUUID() });

    expect(await set(['customer', 'seller'])).toMatchObject({ ok: true, roles: ['customer', 'seller'] });
    expect(await set(['seller'])).toMatchObject({ ok: true, roles: ['seller'] });
    expect(await set(['seller'])).toMatchObject({ ok: true, roles: ['seller'] });
    expect(await eventsOf(customerId)).toEqual(['CustomerRegistered', 'CustomerRoleGranted', 'CustomerRoleRevoked']);
  });

  it('changes nothing when any change is refused: not an admin, or an admin revoking their own admin role', async () => {
    const registered = await accounts.registerCustomer(
      { email: uniqueEmail('Boss'), name: 'Bo Boss', password: 'correct horse battery', roles: ['customer', 'admin'] },
      { commandId: randomUUID() },
    );
    if (!registered.ok) throw new Error(registered.error.message);
    const { customerId } = registered;
    const self = { userId: customerId, roles: ['customer' as const, 'admin' as const] };

    const ownAdmin = await accounts.setRoles({ customerId, roles: ['seller'], actor: self, at: at() }, { commandId: randomUUID() });
    expect(ownAdmin).toMatchObject({ ok: false, error: { code: 'CANNOT_REVOKE_OWN_ADMIN' } });
    const notAdmin = await accounts.setRoles({ customerId, roles: ['customer', 'admin', 'seller'], actor: { userId: 'someone', roles: ['seller'] }, at: at() }, { commandId: randomUUID() });
    expect(notAdmin).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await accounts.setRoles({ customerId: 'no-such-customer', roles: ['customer'], actor: self, at: at() }, { commandId: randomUUID() })).toMatchObject({
      ok: false,
      error: { code: 'CUSTOMER_NOT_FOUND' },
    });
    expect(await eventsOf(customerId)).toEqual(['CustomerRegistered']);
  });
});
