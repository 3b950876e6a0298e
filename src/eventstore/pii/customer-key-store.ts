import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { LruCache } from './lru-cache.js';
import { KEY_BYTES, open, seal } from './sealed-box.js';

/** A customer's data key as a reader finds it: usable, or destroyed by erasure (for good). */
export type CustomerKey = { readonly state: 'active'; readonly key: Buffer } | { readonly state: 'destroyed' };

/**
 * Per-customer data keys for crypto-shredding: PII is encrypted with its customer's key, and
 * erasure destroys the key instead of rewriting events.
 */
export interface CustomerKeyStore {
  /** The key to encrypt with, created on first use. Throws `CustomerKeyDestroyedError` after `destroy`. */
  keyForWriting(customerId: string): Promise<Buffer>;
  /** The keys of these customers; a customer for whom no key was ever created is absent from the map. */
  keysForReading(customerIds: readonly string[]): Promise<ReadonlyMap<string, CustomerKey>>;
  /** Deletes the key material for good (idempotent). The row stays, so a key is never created again. */
  destroy(customerId: string): Promise<void>;
}

/** Writing PII for an erased customer: refused, or the erasure would silently stop covering it. */
export class CustomerKeyDestroyedError extends Error {
  override readonly name = 'CustomerKeyDestroyedError';
  constructor(readonly customerId: string) {
    super(`the data key of customer ${customerId} has been destroyed`);
  }
}

export interface SqlCustomerKeyStoreOptions {
  /** Wraps every data key at rest (see resolvePiiMasterKey); the table alone decrypts nothing. */
  readonly masterKey: Buffer;
  readonly cacheSize?: number;
  /** How long a cached key is trusted: bounds how late another process notices an erasure. */
  readonly cacheTtlMs?: number;
}

interface KeyRow {
  customer_id: string;
  data_key: string | null;
}

const WRAPPED_KEY = 'wk';

/** Keys in `customer_keys` (migration 0010), Postgres or PGlite, wrapped with the master key. */
export function createSqlCustomerKeyStore(db: Kysely<unknown>, options: SqlCustomerKeyStoreOptions): CustomerKeyStore {
  const { masterKey } = options;
  if (masterKey.length !== KEY_BYTES) throw new Error(`the PII master key must be ${KEY_BYTES} bytes`);
  const cache = new LruCache<CustomerKey>(options.cacheSize ?? 10_000, options.cacheTtlMs ?? 60_000);

  // The customer id is the associated data: a wrapped key copied to another customer's row won't unwrap.
  const wrap = (customerId: string, key: Buffer) => seal(WRAPPED_KEY, masterKey, key, `customer_keys/${customerId}`);
  const unwrap = (row: KeyRow): CustomerKey =>
    row.data_key === null
      ? { state: 'destroyed' }
      : { state: 'active', key: open(WRAPPED_KEY, masterKey, row.data_key, `customer_keys/${row.customer_id}`) };

  /** Caches what was read, unless this process destroyed the key meanwhile (a read racing `destroy`). */
  function remember(customerId: string, key: CustomerKey): CustomerKey {
    const cached = cache.get(customerId);
    if (cached?.state === 'destroyed') return cached;
    cache.set(customerId, key);
    return key;
  }

  async function fetch(customerIds: readonly string[]): Promise<Map<string, CustomerKey>> {
    const found = new Map<string, CustomerKey>();
    if (customerIds.length === 0) return found;
    const { rows } = await sql<KeyRow>`
      SELECT customer_id, data_key FROM customer_keys WHERE customer_id = ANY(${[...customerIds]}::text[])`.execute(db);
    for (const row of rows) found.set(row.customer_id, remember(row.customer_id, unwrap(row)));
    return found;
  }

  return {
    async keyForWriting(customerId) {
      const cached = cache.get(customerId) ?? (await fetch([customerId])).get(customerId);
      if (cached?.state === 'destroyed') throw new CustomerKeyDestroyedError(customerId);
      if (cached) return cached.key;
      const key = randomBytes(KEY_BYTES);
      const inserted = await sql<{ customer_id: string }>`
        INSERT INTO customer_keys (customer_id, data_key) VALUES (${customerId}, ${wrap(customerId, key)})
        ON CONFLICT (customer_id) DO NOTHING RETURNING customer_id`.execute(db);
      if (inserted.rows.length === 1) {
        remember(customerId, { state: 'active', key });
        return key;
      }
      // Another writer created it first. A new statement sees its commit (the INSERT's snapshot would not).
      const winner = (await fetch([customerId])).get(customerId);
      if (winner?.state === 'active') return winner.key;
      throw new CustomerKeyDestroyedError(customerId);
    },

    async keysForReading(customerIds) {
      const keys = new Map<string, CustomerKey>();
      const missing: string[] = [];
      for (const customerId of new Set(customerIds)) {
        const cached = cache.get(customerId);
        if (cached) keys.set(customerId, cached);
        else missing.push(customerId);
      }
      for (const [customerId, key] of await fetch(missing)) keys.set(customerId, key);
      return keys;
    },

    async destroy(customerId) {
      // Evict first, so no use of the key in this process starts after erasure began.
      cache.set(customerId, { state: 'destroyed' });
      // Upsert: a customer whose key was never created gets a tombstone, so none is created later.
      await sql`
        INSERT INTO customer_keys (customer_id, data_key, destroyed_at) VALUES (${customerId}, NULL, now())
        ON CONFLICT (customer_id) DO UPDATE
          SET data_key = NULL, destroyed_at = COALESCE(customer_keys.destroyed_at, excluded.destroyed_at)`.execute(db);
    },
  };
}
