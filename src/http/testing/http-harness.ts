import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { pino } from 'pino';
import { loadConfig, type Config } from '../../config.js';
import type { Role } from '../../domain/shared/index.js';
import { startSystem, type StartSystemOptions, type System } from '../../system.js';
import { buildApp } from '../app.js';

export interface TestApp {
  readonly app: FastifyInstance;
  readonly system: System;
  readonly config: Config;
  /** Registers an account (trusted path, any roles) and returns its id and a bearer token. */
  account(roles?: readonly Role[], email?: string): Promise<{ customerId: string; token: string; email: string; password: string }>;
  /** `app.inject` with an optional bearer token. */
  request(options: InjectOptions & { token?: string }): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** pglite (default, a fresh data directory) or postgres (a fresh database on the local server). */
  readonly store?: 'pglite' | 'postgres';
  readonly env?: Record<string, string>;
  /** Passed to startSystem: shorter job retries, another gateway, … */
  readonly system?: StartSystemOptions;
  /** Extra routes registered before the app is ready (tests of cross-cutting behaviour). */
  readonly extend?: (app: FastifyInstance) => void | Promise<void>;
}

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
let accounts = 0;

/** The whole system behind the HTTP app, as `npm start` wires it, on a store of its own. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const store = options.store ?? 'pglite';
  const cleanups: Array<() => Promise<void>> = [];
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_AUTH_PER_MINUTE: '100000',
    RATE_LIMIT_CHECKOUT_PER_MINUTE: '100000',
    ...options.env,
  };
  if (store === 'pglite') {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'commerce-http-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    Object.assign(env, { EVENT_STORE: 'pglite', DATA_DIR: dataDir });
  } else {
    const database = `commerce_http_${process.pid}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`;
    await adminQuery(`CREATE DATABASE ${database}`);
    cleanups.push(() => dropDatabase(database));
    const url = new URL(ADMIN_URL);
    url.pathname = `/${database}`;
    Object.assign(env, { EVENT_STORE: 'postgres', DATABASE_URL: url.toString() });
  }
  const config = loadConfig(env);
  const logger = pino({ level: 'silent' });
  const system = await startSystem(config, logger, options.system);
  const app = await buildApp({ config, logger, system });
  await options.extend?.(app);
  await app.ready();

  async function request(options: InjectOptions & { token?: string }): Promise<LightMyRequestResponse> {
    const { token, ...rest } = options;
    const headers = { ...(rest.headers ?? {}), ...(token ? { authorization: `Bearer ${token}` } : {}) };
    return app.inject({ ...rest, headers });
  }

  return {
    app,
    system,
    config,
    request,
    async account(roles = ['customer'], email) {
      const address = email ?? `user${++accounts}-${Date.now().toString(36)}@example.com`;
      const password = 'correct horse battery staple';
      const registered = await system.customers.registerCustomer({ email: address, name: `Test ${address}`, password, roles }, { commandId: `test-account/${address}` });
      if (!registered.ok) throw new Error(`could not register ${address}: ${registered.error.code}`);
      return { customerId: registered.customerId, token: app.issueToken(registered.customerId), email: address, password };
    },
    async close() {
      await app.close();
      await system.stop();
      for (const cleanup of cleanups.reverse()) await cleanup();
    },
  };
}

/**
 * Drops a test database once the system's connections have closed. Connections still ending when the
 * system has stopped get a moment first: terminating them (WITH (FORCE)) while their client ends
 * raises an error event nobody listens to any more. FORCE only as the last resort.
 */
async function dropDatabase(database: string): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      await adminQuery(`DROP DATABASE IF EXISTS ${database}`);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== '55006') throw error; // 55006: the database is still in use
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  await adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
