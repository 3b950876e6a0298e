import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropSchema, TEST_DATABASE_URL, uniqueSchema } from '../../../test/support/postgres.js';
import { placeOrder, receiveStock, waitUntilSettled } from '../../commands/checkout/checkout.fixtures.js';
import { loadConfig } from '../../config.js';
import { testTokens } from '../../payments/test-cards.js';
import { startSystem, type System } from '../../system.js';
import { deleteKeys, TEST_REDIS_URL } from '../bullmq/testing/redis.js';
import { eventually } from '../contract/job-queue.contract.js';
import { RolesConfigError } from './roles.js';

const child = fileURLToPath(new URL('../testing/launch-child.ts', import.meta.url));

interface Launched {
  readonly process: ChildProcess;
  readonly up: Record<string, unknown>;
  readonly exited: Promise<number | null>;
}

/**
 * The production stack, process by process: an API process and two worker processes (what
 * `npm run start:api` and `npm run start:worker` twice run) on one Postgres and one Redis. The
 * test talks to the shop through an API-role system of its own, as a second API process would.
 */
describe('process roles: an API process and two worker processes', () => {
  const schema = uniqueSchema('roles');
  const prefix = `test-roles-${randomUUID().slice(0, 8)}`;
  const env = { NODE_ENV: 'test', LOG_LEVEL: 'info', EVENT_STORE: 'postgres', DATABASE_URL: TEST_DATABASE_URL, REDIS_URL: TEST_REDIS_URL };
  const processes: Launched[] = [];
  let api: System;

  async function launch(roles: string): Promise<Launched> {
    const proc = spawn(process.execPath, ['--import', 'tsx', child], {
      env: { ...process.env, ...env, HOST: '127.0.0.1', PORT: '0', ROLES: roles, SCHEMA: schema, QUEUE_PREFIX: prefix },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
    let buffered = '';
    const up = await new Promise<Record<string, unknown>>((resolve, reject) => {
      proc.stdout!.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        for (const line of buffered.split('\n').slice(0, -1)) {
          const entry = JSON.parse(line) as Record<string, unknown>;
          // DEBUG_ROLES=1 shows the children's warnings and errors.
          if (process.env.DEBUG_ROLES && Number(entry.level) >= 40) process.stderr.write(`${roles}: ${line}\n`);
          if (typeof entry.msg === 'string' && entry.msg.endsWith(' is up')) resolve(entry);
        }
        buffered = buffered.slice(buffered.lastIndexOf('\n') + 1);
      });
      void exited.then((code) => reject(new Error(`${roles} process exited before it was up (${code})`)));
    });
    const launched = { process: proc, up, exited };
    processes.push(launched);
    return launched;
  }

  beforeAll(async () => {
    // The first process creates the schema and migrates it; the others then start together.
    const first = await launch('api');
    expect(first.up).toMatchObject({ roles: ['api'], jobs: 'bullmq', eventStore: 'postgres' });
    await Promise.all([launch('worker'), launch('worker')]);
    api = await startSystem(loadConfig(env), pino({ level: 'silent' }), { roles: ['api'], schema, queuePrefix: prefix });
  });
  afterAll(async () => {
    for (const { process: proc } of processes) if (proc.exitCode === null) proc.kill('SIGKILL');
    await api?.stop();
    await deleteKeys(prefix);
    await dropSchema(schema);
  });

  it('an API-only process runs nothing in the background; the workers check orders out, retrying a flaky gateway', async () => {
    expect(api.roles).toEqual(['api']);
    expect(api.projections).toEqual([]);
    expect(api.processManagers).toEqual([]);
    const health = await fetch(`${processes[0]!.up.address as string}/health`);
    expect(health.status).toBe(200);

    const sku = `SKU-${randomUUID().slice(0, 8)}`;
    await receiveStock(api.commands, sku, 3);
    const orders = await Promise.all([
      placeOrder(api.commands, [{ sku, quantity: 1 }], testTokens.approve),
      placeOrder(api.commands, [{ sku, quantity: 1 }], testTokens.failTwiceThenApprove),
      placeOrder(api.commands, [{ sku, quantity: 1 }], testTokens.decline),
    ]);
    const states = await waitUntilSettled(api.commands, orders, 30_000);
    expect(orders.map((id) => states.get(id)?.status)).toEqual(['CONFIRMED', 'CONFIRMED', 'REJECTED']);
    expect(await api.jobs.jobStatus(`payments.authorize.${orders[1]}`)).toMatchObject({ state: 'completed', attemptsMade: 3 });
  });

  it('a projection rebuild asked of the API runs as a job in a worker, with progress', async () => {
    expect(await api.jobs.rebuildProjection('no-such-projection')).toEqual({ ok: false, error: 'unknown-projection' });
    const requested = await api.jobs.rebuildProjection('reservation-deadlines');
    if (!requested.ok) throw new Error(requested.error);
    const done = await eventually(async () => {
      const job = await api.jobs.jobStatus(requested.jobId);
      return job?.state === 'completed' || job?.state === 'failed' ? job : undefined;
    }, 60_000);
    expect(done).toMatchObject({ state: 'completed', name: 'rebuild-projection', progress: { phase: 'switched' }, result: { rebuilt: true } });
  });

  it('SIGTERM stops each process gracefully', async () => {
    for (const { process: proc } of processes) proc.kill('SIGTERM');
    expect(await Promise.all(processes.map((p) => p.exited))).toEqual([0, 0, 0]);
  });

  it('refuses to run the roles apart without Redis', async () => {
    const config = loadConfig({ ...env, REDIS_URL: '' });
    await expect(startSystem(config, pino({ level: 'silent' }), { roles: ['worker'], schema })).rejects.toBeInstanceOf(RolesConfigError);
  });
});
