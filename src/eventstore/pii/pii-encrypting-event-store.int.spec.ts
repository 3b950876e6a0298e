import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerPiiFields } from '../../domain/customer/index.js';
import { sqlStores, type OpenedStore } from '../../../test/support/stores.js';
import type { EventData, EventStore, RecordedEvent } from '../types.js';
import { createSqlCustomerKeyStore, CustomerKeyDestroyedError, type CustomerKeyStore } from './customer-key-store.js';
import { PiiKeyMissingError, withPiiEncryption } from './pii-encrypting-event-store.js';
import { SealedBoxError } from './sealed-box.js';

const at = '2026-11-22T10:00:00.000Z';
const registered = (customerId: string, email: string, name: string): EventData => ({
  id: randomUUID(),
  type: 'CustomerRegistered',
  data: { customerId, email, emailHash: 'ab'.repeat(32), name, passwordHash: '$argon2id$v=19$secret-hash', roles: ['customer'], at },
});
const addressAdded = (customerId: string): EventData => ({
  id: randomUUID(),
  type: 'CustomerAddressAdded',
  data: { customerId, addressId: 'home', address: { name: 'Ada', line1: '1 Analytical St', city: 'London', postalCode: 'N1', country: 'GB' }, isDefault: true, at },
});
const profileUpdated = (customerId: string): EventData => ({
  id: randomUUID(),
  type: 'CustomerProfileUpdated',
  data: { customerId, phone: '+44 20 7946 0000', at },
});

describe.each(sqlStores)('PII-encrypting event store on $name', ({ open }) => {
  let opened: OpenedStore;
  let keys: CustomerKeyStore;
  let store: EventStore;

  const rawData = async (streamName: string) =>
    (await sql<{ data: string }>`SELECT data::text AS data FROM events WHERE stream_name = ${streamName} ORDER BY revision`.execute(opened.db)).rows.map(
      (row) => row.data,
    );
  const dataOf = (events: RecordedEvent[]) => events.map((event) => event.data);

  beforeAll(async () => {
    opened = await open();
    keys = createSqlCustomerKeyStore(opened.db, { masterKey: randomBytes(32) });
    store = withPiiEncryption(opened.store, { keys, piiFields: customerPiiFields });
  });
  afterAll(() => opened?.dispose());

  it('stores PII sealed, leaves the other fields readable, and decrypts on every read path', async () => {
    const customerId = randomUUID();
    const stream = `customer-${customerId}`;
    const events = [registered(customerId, 'ada@example.com', 'Ada Lovelace'), addressAdded(customerId), profileUpdated(customerId)];
    await store.appendToStream(stream, events, { expectedRevision: 'no_stream' });

    const raw = (await rawData(stream)).join('\n');
    for (const secret of ['ada@example.com', 'Ada Lovelace', 'secret-hash', 'Analytical', '7946']) expect(raw).not.toContain(secret);
    expect(raw).toMatch(/"email": "pii:v1:[\w-]+:[\w-]+:[\w-]+"/);
    expect(raw).toContain(customerId); // ids are not PII

    const expected = events.map((event) => event.data);
    expect(dataOf(await store.readStream(stream))).toEqual(expected);
    expect(dataOf((await store.readAll({ filter: { categories: ['customer'] } })).filter((e) => e.streamName === stream))).toEqual(expected);

    const subscription = store.subscribe({ filter: { categories: ['customer'] } });
    const seen: unknown[] = [];
    for await (const event of subscription) {
      if (event.streamName === stream) seen.push(event.data);
      if (seen.length === expected.length) break;
    }
    await subscription.stop();
    expect(seen).toEqual(expected);
  });

  it('once the key is destroyed, the same events read with their PII fields null; other customers are unaffected', async () => {
    const [erased, kept] = [randomUUID(), randomUUID()];
    await store.appendToStream(`customer-${erased}`, [registered(erased, 'gone@example.com', 'Gone'), addressAdded(erased)]);
    await store.appendToStream(`customer-${kept}`, [registered(kept, 'kept@example.com', 'Kept')]);
    const before = await rawData(`customer-${erased}`);

    await keys.destroy(erased);

    expect(await rawData(`customer-${erased}`)).toEqual(before); // history is not rewritten
    const [registration, address] = await store.readStream(`customer-${erased}`);
    expect(registration?.data).toMatchObject({ customerId: erased, email: null, name: null, passwordHash: null, roles: ['customer'] });
    expect(address?.data).toMatchObject({ addressId: 'home', address: null, isDefault: true });
    expect((await store.readStream(`customer-${kept}`))[0]?.data).toMatchObject({ email: 'kept@example.com', name: 'Kept' });
    // A fresh key store (another process) reads the tombstone, not a cached key.
    const elsewhere = withPiiEncryption(opened.store, { keys: createSqlCustomerKeyStore(opened.db, { masterKey: randomBytes(32) }), piiFields: customerPiiFields });
    expect((await elsewhere.readStream(`customer-${erased}`))[0]?.data).toMatchObject({ email: null });
  });

  it('refuses to write PII for a customer whose key was destroyed (no new key is made)', async () => {
    const customerId = randomUUID();
    await store.appendToStream(`customer-${customerId}`, [registered(customerId, 'x@example.com', 'X')]);
    await keys.destroy(customerId);
    await expect(store.appendToStream(`customer-${customerId}`, [profileUpdated(customerId)])).rejects.toBeInstanceOf(CustomerKeyDestroyedError);
    // Events without PII still append: erasure itself, for one.
    const erasedEvent = { id: randomUUID(), type: 'CustomerErased', data: { customerId, emailHash: 'ab'.repeat(32), at } };
    await expect(store.appendToStream(`customer-${customerId}`, [erasedEvent])).resolves.toMatchObject({ nextExpectedRevision: 1n });
  });

  it('a re-sent append is still idempotent: new ciphertext, same event id, nothing written twice', async () => {
    const customerId = randomUUID();
    const stream = `customer-${customerId}`;
    const event = registered(customerId, 're@example.com', 'Re');
    const first = await store.appendToStream(stream, [event], { expectedRevision: 'no_stream' });
    const again = await store.appendToStream(stream, [event], { expectedRevision: 'no_stream' });
    expect(again).toEqual(first);
    expect(await store.readStream(stream)).toHaveLength(1);
    expect((await store.readStream(stream))[0]?.data).toEqual(event.data);
  });

  it('passes other categories through untouched, even fields named like PII', async () => {
    const stream = `order-${randomUUID()}`;
    const data = { email: 'order@example.com', name: 'Plain' };
    await store.appendToStream(stream, [{ id: randomUUID(), type: 'CustomerRegistered', data }]);
    expect((await rawData(stream)).map((raw) => JSON.parse(raw) as unknown)).toEqual([data]);
    expect((await store.readStream(stream))[0]?.data).toEqual(data);
  });

  it('fails loudly on tampered ciphertext and on a key store that has never seen the customer', async () => {
    const customerId = randomUUID();
    const stream = `customer-${customerId}`;
    await store.appendToStream(stream, [registered(customerId, 't@example.com', 'T')]);
    const other = randomUUID();
    await store.appendToStream(`customer-${other}`, [registered(other, 'o@example.com', 'O')]);
    // Move the other customer's sealed name into this customer's event: the associated data no longer matches.
    await sql`UPDATE events SET data = jsonb_set(data, '{name}', (SELECT data->'name' FROM events WHERE stream_name = ${`customer-${other}`}))
      WHERE stream_name = ${stream}`.execute(opened.db);
    await expect(store.readStream(stream)).rejects.toBeInstanceOf(SealedBoxError);

    await sql`DELETE FROM customer_keys WHERE customer_id = ${other}`.execute(opened.db);
    const fresh = withPiiEncryption(opened.store, { keys: createSqlCustomerKeyStore(opened.db, { masterKey: randomBytes(32) }), piiFields: customerPiiFields });
    await expect(fresh.readStream(`customer-${other}`)).rejects.toBeInstanceOf(PiiKeyMissingError);
  });
});
