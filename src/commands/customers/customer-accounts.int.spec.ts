import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  customerDecider,
  customerPiiFields,
  customerStreamName,
  emailClaimStreamName,
  type CustomerEvent,
} from '../../domain/customer/index.js';
import { fold } from '../../domain/shared/index.js';
import { createSqlCustomerKeyStore, type CustomerKeyStore } from '../../eventstore/pii/customer-key-store.js';
import { withPiiEncryption } from '../../eventstore/pii/pii-encrypting-event-store.js';
import type { EventStore } from '../../eventstore/types.js';
import { sqlStores, type OpenedStore } from '../../../test/support/stores.js';
import { createCommandHandlers } from '../command-handlers.js';
import { createCustomerAccounts, type CustomerAccounts } from './customer-accounts.js';
import { emailHashOf } from './email-hash.js';
import { createArgon2PasswordHasher } from './password-hasher.js';
import { customerIdFor } from './register-customer.js';

// Cheap parameters keep 20 concurrent hashes fast; production uses the library's defaults.
const passwords = createArgon2PasswordHasher({ memoryCost: 4096, timeCost: 2, parallelism: 1 });
const emailHashSecret = randomBytes(32);
const uniqueEmail = (label: string) => `${label}.${randomUUID().slice(0, 8)}@Example.com`;

describe.each(sqlStores)('customer accounts on $name', ({ open }) => {
  let opened: OpenedStore;
  let keys: CustomerKeyStore;
  let store: EventStore;
  const masterKey = randomBytes(32);
  /** One per simulated process: own command handlers (caches, group commit) and own key cache. */
  const anotherProcess = (): CustomerAccounts => {
    const processKeys = createSqlCustomerKeyStore(opened.db, { masterKey });
    const processStore = withPiiEncryption(opened.store, { keys: processKeys, piiFields: customerPiiFields });
    return createCustomerAccounts({ commands: createCommandHandlers(processStore), keys: processKeys, passwords, emailHashSecret });
  };
  let accounts: CustomerAccounts;

  const customerState = async (customerId: string) => {
    const events = await store.readStream(customerStreamName(customerId));
    return fold(customerDecider.evolve, customerDecider.initialState(), events.map((e) => ({ type: e.type, data: e.data }) as CustomerEvent));
  };
  const register = (email: string, name = 'Ada Lovelace', password = 'correct horse battery', commandId = randomUUID()) =>
    accounts.registerCustomer({ email, name, password }, { commandId });

  beforeAll(async () => {
    opened = await open();
    keys = createSqlCustomerKeyStore(opened.db, { masterKey });
    store = withPiiEncryption(opened.store, { keys, piiFields: customerPiiFields });
    accounts = createCustomerAccounts({ commands: createCommandHandlers(store), keys, passwords, emailHashSecret });
  });
  afterAll(() => opened?.dispose());

  it('registers with no plaintext PII in the events table, and reads it back decrypted', async () => {
    const email = uniqueEmail('Ada');
    const result = await register(email, 'Ada Lovelace', 'correct horse battery');
    expect(result).toMatchObject({ ok: true, roles: ['customer'] });
    if (!result.ok) return;

    const raw = await sql<{ stream_name: string; data: string }>`SELECT stream_name, data::text AS data FROM events`.execute(opened.db);
    const everything = raw.rows.map((row) => `${row.stream_name} ${row.data}`).join('\n');
    expect(everything).toContain(result.customerId);
    for (const secret of [email, email.toLowerCase(), 'Ada Lovelace', 'correct horse battery', '$argon2id$']) {
      expect(everything).not.toContain(secret);
    }

    const state = await customerState(result.customerId);
    expect(state).toMatchObject({ status: 'registered', email: email.toLowerCase(), name: 'Ada Lovelace', roles: ['customer'] });
    expect(state.status === 'registered' && state.passwordHash?.startsWith('$argon2id$')).toBe(true);
  });

  it('authenticates the right password, case-insensitively by email; refuses wrong ones without telling which part', async () => {
    const email = uniqueEmail('login');
    const registered = await register(email, 'Grace', 'hunter2hunter2');
    expect(registered.ok).toBe(true);

    const ok = await accounts.authenticate(`  ${email.toUpperCase()} `, 'hunter2hunter2');
    expect(ok).toEqual({ ok: true, customerId: registered.ok && registered.customerId, roles: ['customer'] });
    const wrongPassword = await accounts.authenticate(email, 'hunter3hunter3');
    const unknownEmail = await accounts.authenticate(uniqueEmail('nobody'), 'hunter2hunter2');
    expect(wrongPassword).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
    expect(unknownEmail).toEqual(wrongPassword);
  });

  it('refuses malformed input and short passwords without echoing them', async () => {
    expect(await register('not-an-email')).toMatchObject({ ok: false, error: { code: 'INVALID_REGISTRATION', details: { fields: ['email'] } } });
    expect(await register(uniqueEmail('n'), '   ')).toMatchObject({ ok: false, error: { code: 'INVALID_REGISTRATION', details: { fields: ['name'] } } });
    const weak = await register(uniqueEmail('w'), 'W', 'short');
    expect(weak).toMatchObject({ ok: false, error: { code: 'WEAK_PASSWORD' } });
    expect(JSON.stringify(weak)).not.toContain('short"');
  });

  it('20 concurrent registrations of one email through two processes: exactly one wins', async () => {
    const email = uniqueEmail('race');
    const [a, b] = [anotherProcess(), anotherProcess()];
    const commandIds = Array.from({ length: 20 }, () => randomUUID());
    const results = await Promise.all(
      commandIds.map((commandId, i) =>
        (i % 2 === 0 ? a : b).registerCustomer({ email: i % 3 === 0 ? email.toUpperCase() : email, name: `Racer ${i}`, password: 'racing-password' }, { commandId }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(Array(19).fill('EMAIL_TAKEN'));
    const states = await Promise.all(commandIds.map((id) => customerState(customerIdFor(id))));
    expect(states.filter((s) => s.status === 'registered')).toHaveLength(1);
    const claims = await store.readStream(emailClaimStreamName(emailHashOf(emailHashSecret, email)));
    expect(claims.map((e) => e.type)).toEqual(['EmailClaimed']);
  });

  it('a retried registration (same command id) returns the same customer and creates no second one', async () => {
    const email = uniqueEmail('retry');
    const commandId = randomUUID();
    const first = await register(email, 'Retry', 'first-password', commandId);
    const inFlight = await Promise.all([register(email, 'Retry', 'first-password', commandId), register(email, 'Retry', 'first-password', commandId)]);
    const fromElsewhere = await anotherProcess().registerCustomer({ email, name: 'Retry', password: 'first-password' }, { commandId });
    expect(first.ok).toBe(true);
    for (const retry of [...inFlight, fromElsewhere]) expect(retry).toMatchObject({ ok: true, customerId: first.ok && first.customerId });
    const events = await store.readStream(customerStreamName(customerIdFor(commandId)));
    expect(events.map((e) => e.type)).toEqual(['CustomerRegistered']);
    expect(await store.readStream(emailClaimStreamName(emailHashOf(emailHashSecret, email)))).toHaveLength(1);
    // The same command id cannot be reused for another email.
    expect(await register(uniqueEmail('other'), 'Other', 'other-password', commandId)).toMatchObject({
      ok: false,
      error: { code: 'CUSTOMER_ALREADY_REGISTERED' },
    });
  });

  it('erasure: events keep their place with PII null, state folds as erased, the email registers again, others unaffected', async () => {
    const email = uniqueEmail('erase');
    const bystanderEmail = uniqueEmail('bystander');
    const gone = await register(email, 'To Be Forgotten', 'forget-me-please');
    const bystander = await register(bystanderEmail, 'Bystander', 'still-here-please');
    if (!gone.ok || !bystander.ok) throw new Error('registration failed');

    expect(await accounts.eraseCustomer(gone.customerId)).toEqual({ ok: true, customerId: gone.customerId });

    const events = await store.readStream(customerStreamName(gone.customerId));
    expect(events.map((e) => e.type)).toEqual(['CustomerRegistered', 'CustomerErased']);
    expect(events[0]?.data).toMatchObject({ customerId: gone.customerId, email: null, name: null, passwordHash: null, roles: ['customer'] });
    expect(await customerState(gone.customerId)).toMatchObject({ status: 'erased', customerId: gone.customerId });
    expect(await accounts.authenticate(email, 'forget-me-please')).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });

    const again = await register(email, 'Someone New', 'a-brand-new-password');
    expect(again).toMatchObject({ ok: true });
    expect(again.ok && again.customerId).not.toBe(gone.customerId);
    expect(await accounts.authenticate(email, 'a-brand-new-password')).toMatchObject({ ok: true, customerId: again.ok && again.customerId });

    expect(await customerState(bystander.customerId)).toMatchObject({ status: 'registered', name: 'Bystander' });
    expect(await accounts.authenticate(bystanderEmail, 'still-here-please')).toMatchObject({ ok: true, customerId: bystander.customerId });
  });

  it('erasure is idempotent and resumes after a crash between its steps', async () => {
    const email = uniqueEmail('resume');
    const registered = await register(email, 'Half Erased', 'half-erased-pass');
    if (!registered.ok) throw new Error('registration failed');
    // Crash after step 1: CustomerErased is appended, the claim still held, the key still there.
    const commands = createCommandHandlers(store);
    await commands.customer.send({ type: 'EraseCustomer', data: { customerId: registered.customerId, at: new Date().toISOString() } }, { commandId: randomUUID() });
    expect(await register(email, 'Blocked', 'blocked-password')).toMatchObject({ ok: false, error: { code: 'EMAIL_TAKEN' } });

    expect(await anotherProcess().eraseCustomer(registered.customerId)).toMatchObject({ ok: true });
    expect(await accounts.eraseCustomer(registered.customerId)).toMatchObject({ ok: true });
    expect((await store.readStream(customerStreamName(registered.customerId))).map((e) => e.type)).toEqual(['CustomerRegistered', 'CustomerErased']);
    expect((await keys.keysForReading([registered.customerId])).get(registered.customerId)).toEqual({ state: 'destroyed' });
    expect(await register(email, 'Unblocked', 'unblocked-password')).toMatchObject({ ok: true });
    expect(await accounts.eraseCustomer(randomUUID())).toMatchObject({ ok: false, error: { code: 'CUSTOMER_NOT_FOUND' } });
  });

  it('a retry of a registration whose customer was erased since claims nothing', async () => {
    const email = uniqueEmail('late');
    const commandId = randomUUID();
    const registered = await register(email, 'Late', 'late-retry-pass', commandId);
    if (!registered.ok) throw new Error('registration failed');
    await accounts.eraseCustomer(registered.customerId);
    expect(await register(email, 'Late', 'late-retry-pass', commandId)).toMatchObject({ ok: false, error: { code: 'CUSTOMER_ERASED' } });
    expect(await register(email, 'Fresh', 'fresh-start-pass')).toMatchObject({ ok: true });
  });
});
