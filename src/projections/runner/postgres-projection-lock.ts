import pg from 'pg';
import type { Logger } from 'pino';
import { sleep } from './sleep.js';
import type { AcquireOptions, HeldLock, ProjectionLock } from './projection-lock.js';

export interface PostgresProjectionLockConfig {
  readonly connectionString: string;
  /** The schema the projections live in: keys are per schema, so tenants and test schemas never collide. */
  readonly schema?: string;
  /** How often a waiting runner tries again (a takeover happens within this after the holder goes). */
  readonly retryMs?: number;
  /** How often a held lock's connection is checked, so a silently dead one is noticed. */
  readonly heartbeatMs?: number;
  readonly logger?: Logger;
}

/** Session advisory locks live in one database; the key also names the schema. */
const KEY = `hashtextextended(current_schema() || '/' || $1, 0)`;

/**
 * Postgres session advisory locks, each on a connection of its own (not a pool's: a pooled client
 * that dies while checked out and idle raises an 'error' nobody listens to). Held for the runner's
 * life; released by closing the connection, which is also what happens when the process dies, so
 * the server frees the lock and a waiting runner takes over.
 */
export function createPostgresProjectionLock(config: PostgresProjectionLockConfig): ProjectionLock {
  const retryMs = config.retryMs ?? 500;
  const heartbeatMs = config.heartbeatMs ?? 5_000;

  async function connect(key: string): Promise<pg.Client> {
    const client = new pg.Client({
      connectionString: config.connectionString,
      keepAlive: true,
      // Lets an operator see in pg_stat_activity which connection holds which projection.
      application_name: `projection-lock ${key}`.slice(0, 63),
      ...(config.schema !== undefined ? { options: `-c search_path=${config.schema}` } : {}),
    });
    // Until `hold` takes over, a connection error only matters to the query that will fail with it.
    client.on('error', () => undefined);
    await client.connect();
    return client;
  }

  function hold(client: pg.Client, key: string): HeldLock {
    const lost = new AbortController();
    let releasing = false;
    const onLost = (error: unknown) => {
      if (releasing || lost.signal.aborted) return;
      config.logger?.warn({ err: error, key }, 'projection lock lost: its connection closed');
      lost.abort(error instanceof Error ? error : new Error(String(error)));
      clearInterval(heartbeat);
      client.end().catch(() => undefined);
    };
    client.on('error', onLost);
    client.on('end', () => onLost(new Error('lock connection ended')));
    const heartbeat = setInterval(() => client.query('SELECT 1').catch(onLost), heartbeatMs);
    heartbeat.unref();
    return {
      lost: lost.signal,
      async release() {
        if (releasing) return;
        releasing = true;
        clearInterval(heartbeat);
        // Closing the session releases its advisory locks; no unlock round trip to get wrong.
        await client.end().catch(() => undefined);
      },
    };
  }

  async function acquire(key: string, options: AcquireOptions = {}): Promise<HeldLock | undefined> {
    let failures = 0;
    while (!options.signal?.aborted) {
      let client: pg.Client | undefined;
      try {
        client = await connect(key);
        for (;;) {
          const { rows } = await client.query<{ locked: boolean | null }>(`SELECT pg_try_advisory_lock(${KEY}) AS locked`, [key]);
          // No current schema (the configured one does not exist) makes the key NULL: never "free".
          if (rows[0]?.locked == null) throw new Error(`projection lock: no current schema${config.schema ? ` (does schema ${config.schema} exist?)` : ''}`);
          if (rows[0].locked) {
            if (options.signal?.aborted) break;
            const held = hold(client, key);
            client = undefined;
            return held;
          }
          if (options.wait === false || options.signal?.aborted) break;
          await sleep(retryMs, options.signal);
          if (options.signal?.aborted) break;
        }
        return undefined;
      } catch (error) {
        // The database is away: keep waiting for it, as a runner waits for the lock.
        failures++;
        config.logger?.warn({ err: error, key, failures }, 'projection lock: cannot reach the database; retrying');
        if (options.wait === false) throw error;
        await sleep(Math.min(10_000, retryMs * 2 ** Math.min(failures, 5)), options.signal);
      } finally {
        await client?.end().catch(() => undefined);
      }
    }
    return undefined;
  }

  async function isHeld(key: string): Promise<boolean> {
    const client = await connect(`inspect ${key}`);
    try {
      const { rows } = await client.query<{ held: boolean }>(
        `SELECT EXISTS (
           SELECT 1 FROM pg_locks
           WHERE locktype = 'advisory' AND granted AND objsubid = 1
             AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
             AND ((classid::bigint << 32) | objid::bigint) = ${KEY}) AS held`,
        [key],
      );
      return rows[0]?.held ?? false;
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  return { crossProcess: true, acquire, isHeld };
}
