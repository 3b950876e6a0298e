import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlStores, type OpenedStore } from '../../../test/support/stores.js';
import { createSqlCustomerKeyStore, CustomerKeyDestroyedError } from './customer-key-store.js';
import { SealedBoxError } from './sealed-box.js';

interface KeyRow {
  data_key: string | null;
  destroyed: boolean;
}

describe.each(sqlStores)('SQL customer key store on $name', ({ open }) => {
  let opened: OpenedStore;
  const masterKey = randomBytes(32);
  const row = async (customerId: string) =>
    (await sql<KeyRow>`SELECT data_key, destroyed_at IS NOT NULL AS destroyed FROM customer_keys WHERE customer_id = ${customerId}`.execute(opened.db)).rows[0];

  beforeAll(async () => {
    opened = await open();
  });
  afterAll(() => opened?.dispose());

  it('creates a key on first use, stores it only wrapped, and returns the same key afterwards', async () => {
    const keys = createSqlCustomerKeyStore(opened.db, { masterKey });
    const customerId = randomUUID();
    const key = await keys.keyForWriting(customerId);
    expect(key).toHaveLength(32);
    expect(await keys.keyForWriting(customerId)).toEqual(key);
    const stored = await row(customerId);
    expect(stored?.data_key).toMatch(/^wk:v1:/);
    expect(stored?.data_key).not.toContain(key.toString('base64url'));
    // Another process (no cache) unwraps the same key.
    const elsewhere = createSqlCustomerKeyStore(opened.db, { masterKey });
    expect((await elsewhere.keysForReading([customerId])).get(customerId)).toEqual({ state: 'active', key });
  });

  it('concurrent first uses in several processes agree on one key', async () => {
    const customerId = randomUUID();
    const processes = Array.from({ length: 4 }, () => createSqlCustomerKeyStore(opened.db, { masterKey }));
    const keys = await Promise.all(processes.flatMap((p) => [p.keyForWriting(customerId), p.keyForWriting(customerId)]));
    for (const key of keys) expect(key).toEqual(keys[0]);
  });

  it('reads many customers at once; one never given a key is absent', async () => {
    const keys = createSqlCustomerKeyStore(opened.db, { masterKey });
    const [a, b, never] = [randomUUID(), randomUUID(), randomUUID()];
    await keys.keyForWriting(a);
    await keys.keyForWriting(b);
    const found = await createSqlCustomerKeyStore(opened.db, { masterKey }).keysForReading([a, b, never, a]);
    expect([...found.keys()].sort()).toEqual([a, b].sort());
  });

  it('destroy deletes the key material, keeps a tombstone, evicts the cache and is idempotent', async () => {
    const keys = createSqlCustomerKeyStore(opened.db, { masterKey });
    const customerId = randomUUID();
    await keys.keyForWriting(customerId);
    await keys.destroy(customerId);
    await keys.destroy(customerId);
    expect(await row(customerId)).toEqual({ data_key: null, destroyed: true });
    expect((await keys.keysForReading([customerId])).get(customerId)).toEqual({ state: 'destroyed' });
    await expect(keys.keyForWriting(customerId)).rejects.toBeInstanceOf(CustomerKeyDestroyedError);
    await expect(createSqlCustomerKeyStore(opened.db, { masterKey }).keyForWriting(customerId)).rejects.toBeInstanceOf(CustomerKeyDestroyedError);
  });

  it('destroying a customer who never had a key leaves a tombstone, so none is created later', async () => {
    const keys = createSqlCustomerKeyStore(opened.db, { masterKey });
    const customerId = randomUUID();
    await keys.destroy(customerId);
    await expect(createSqlCustomerKeyStore(opened.db, { masterKey }).keyForWriting(customerId)).rejects.toBeInstanceOf(CustomerKeyDestroyedError);
  });

  it('another process notices a destroy when its cached key expires', async () => {
    const customerId = randomUUID();
    const writer = createSqlCustomerKeyStore(opened.db, { masterKey });
    const reader = createSqlCustomerKeyStore(opened.db, { masterKey, cacheTtlMs: 50 });
    await writer.keyForWriting(customerId);
    expect((await reader.keysForReading([customerId])).get(customerId)?.state).toBe('active');
    await writer.destroy(customerId);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect((await reader.keysForReading([customerId])).get(customerId)?.state).toBe('destroyed');
  });

  it('a wrong master key cannot unwrap the data keys', async () => {
    const customerId = randomUUID();
    await createSqlCustomerKeyStore(opened.db, { masterKey }).keyForWriting(customerId);
    const wrong = createSqlCustomerKeyStore(opened.db, { masterKey: randomBytes(32) });
    await expect(wrong.keysForReading([customerId])).rejects.toBeInstanceOf(SealedBoxError);
  });
});
