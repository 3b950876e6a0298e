import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropSchema, TEST_DATABASE_URL, uniqueSchema } from '../../../test/support/postgres.js';
import { createPostgresProjectionLock } from './postgres-projection-lock.js';

describe('the Postgres projection lock', () => {
  const schema = uniqueSchema('lock');
  const otherSchema = uniqueSchema('lock');
  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}; CREATE SCHEMA ${otherSchema}`);
    await admin.end();
  });
  const lockIn = (s: string) => createPostgresProjectionLock({ connectionString: TEST_DATABASE_URL, schema: s, retryMs: 20, heartbeatMs: 200 });
  afterAll(async () => {
    await dropSchema(schema);
    await dropSchema(otherSchema);
  });

  it('keeps a second process out until the first releases', async () => {
    const a = lockIn(schema);
    const b = lockIn(schema);
    const held = await a.acquire('projection:x');
    expect(held).toBeDefined();
    expect(await b.acquire('projection:x', { wait: false })).toBeUndefined();
    expect(await b.isHeld('projection:x')).toBe(true);
    const waiting = b.acquire('projection:x');
    await held!.release();
    const taken = await waiting;
    expect(taken).toBeDefined();
    await taken!.release();
    expect(await a.isHeld('projection:x')).toBe(false);
  });

  it('is per schema: tenants (and test files) do not block each other', async () => {
    const held = await lockIn(schema).acquire('projection:y');
    const other = await lockIn(otherSchema).acquire('projection:y', { wait: false });
    expect(other).toBeDefined();
    await other!.release();
    await held!.release();
  });

  it('reports a lock lost when its connection is terminated, and frees it for the next', async () => {
    const lock = lockIn(schema);
    const held = (await lock.acquire('projection:z'))!;
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    try {
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'projection-lock projection:z'`);
      if (!held.lost.aborted) await new Promise<void>((resolve) => held.lost.addEventListener('abort', () => resolve(), { once: true }));
      expect(held.lost.aborted).toBe(true);
      // The server frees it as the terminated backend exits, a moment after the socket closes.
      const next = await lockIn(schema).acquire('projection:z', { signal: AbortSignal.timeout(10_000) });
      expect(next).toBeDefined();
      await next!.release();
    } finally {
      await admin.end();
      await held.release();
    }
  });

  it('refuses a schema that does not exist instead of never getting the lock', async () => {
    await expect(lockIn(uniqueSchema('missing')).acquire('projection:v', { wait: false })).rejects.toThrow('does schema');
  });

  it('stops waiting when the signal aborts', async () => {
    const held = await lockIn(schema).acquire('projection:w');
    const abort = new AbortController();
    const waiting = lockIn(schema).acquire('projection:w', { signal: abort.signal });
    setTimeout(() => abort.abort(), 50);
    expect(await waiting).toBeUndefined();
    await held!.release();
  });
});
