/**
 * npm run bench:workers — jobs per second through BullMQ (our adapter) with 1 and 2 worker
 * processes: a no-op job, and the reservation-expiry job (one ExpireReservation command on the
 * Postgres event store per job). Baseline, measured in the same run: raw ioredis LPUSH, pipelined
 * 1,000 at a time (what `redis-benchmark -t lpush -P 1000` measures). Jobs are queued first (queue
 * paused), so each figure is the workers draining a full queue.
 * Env: REDIS_URL, DATABASE_URL (default the local servers), BENCH_SCALE (default 1).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { createCommandHandlers } from '../src/commands/command-handlers.js';
import { createPostgresEventStore } from '../src/eventstore/postgres/postgres-event-store.js';
import { createBullmqJobQueues } from '../src/workers/bullmq/bullmq-job-queues.js';
import { deleteKeys } from '../src/workers/bullmq/testing/redis.js';
import { jobKinds } from '../src/workers/jobs/job-catalogue.js';
import { dropSchema, TEST_DATABASE_URL, uniqueSchema } from '../test/support/postgres.js';
import { report, round, runLanes, type Row } from './support/report.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const scale = Number(process.env.BENCH_SCALE ?? '1');
const noopJobs = Math.round(20_000 * scale);
const expireJobs = Math.round(4_000 * scale);
const prefix = `bench-workers-${randomUUID().slice(0, 8)}`;
const child = fileURLToPath(new URL('./support/workers-child.ts', import.meta.url));
const rows: Row[] = [];

/** Raw Redis: LPUSH of `total` small values, pipelined 1,000 per round trip. */
async function lpushRate(total: number): Promise<number> {
  const redis = new Redis(REDIS_URL);
  const key = `${prefix}:lpush`;
  const started = performance.now();
  for (let sent = 0; sent < total; sent += 1_000) {
    const pipeline = redis.pipeline();
    for (let i = 0; i < 1_000; i++) pipeline.lpush(key, 'x');
    await pipeline.exec();
  }
  const perSecond = total / ((performance.now() - started) / 1000);
  await redis.del(key);
  redis.disconnect();
  return perSecond;
}

async function startWorkers(count: number, env: Record<string, string>): Promise<ChildProcess[]> {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const proc = spawn(process.execPath, ['--import', 'tsx', child], { env: { ...process.env, REDIS_URL, PREFIX: prefix, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve, reject) => {
        proc.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('READY') && resolve());
        proc.once('exit', (code) => reject(new Error(`bench worker exited early (${code})`)));
      });
      return proc;
    }),
  );
}

async function stopWorkers(workers: ChildProcess[]): Promise<void> {
  await Promise.all(workers.map((proc) => new Promise<void>((resolve) => {
    proc.once('exit', () => resolve());
    proc.kill('SIGTERM');
  })));
}

/** Queues `jobs` (paused), starts `processes` workers, then times them draining the queue. */
async function drain(queueName: string, jobs: { name: string; data: unknown }[], processes: number, env: Record<string, string>): Promise<number> {
  const queue = new Queue(queueName, { connection: { url: REDIS_URL }, prefix });
  await queue.pause();
  for (let i = 0; i < jobs.length; i += 1_000) {
    await queue.addBulk(jobs.slice(i, i + 1_000).map((job) => ({ ...job, opts: { removeOnComplete: true, attempts: 3, backoff: { type: 'exponential', delay: 100 } } })));
  }
  const workers = await startWorkers(processes, { QUEUE: queueName, ...env });
  const started = performance.now();
  await queue.resume();
  for (;;) {
    const counts = await queue.getJobCounts('wait', 'active', 'delayed', 'prioritized');
    if (Object.values(counts).every((n) => n === 0)) break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const seconds = (performance.now() - started) / 1000;
  const failed = await queue.getFailedCount();
  await stopWorkers(workers);
  await queue.obliterate({ force: true });
  await queue.close();
  if (failed > 0) throw new Error(`${failed} jobs failed in ${queueName}`);
  return jobs.length / seconds;
}

// Baseline first, while nothing else runs.
const lpush = await lpushRate(Math.round(200_000 * scale));
rows.push({ case: 'raw ioredis LPUSH, pipelined ×1000 (baseline)', processes: 1, 'ops/s': round(lpush), 'vs LPUSH': '1.00' });

// The producer side through the port: add() one job per call, 64 calls in flight.
{
  const queues = createBullmqJobQueues({ url: REDIS_URL, prefix });
  const queue = queues.queue('produce');
  const added = await runLanes(Math.round(10_000 * scale), 64, async (i) => void (await queue.add('noop', { i })));
  rows.push({ case: 'enqueue through the port (add, 64 in flight)', processes: 1, 'ops/s': round(added.perSecond), 'vs LPUSH': (added.perSecond / lpush).toFixed(3) });
  await queues.close();
}

for (const processes of [1, 2]) {
  const perSecond = await drain(`noop-${processes}`, Array.from({ length: noopJobs }, (_, i) => ({ name: 'noop', data: { i } })), processes, { MODE: 'noop', CONCURRENCY: '50' });
  rows.push({ case: 'no-op job, worker concurrency 50', processes, 'ops/s': round(perSecond), 'vs LPUSH': (perSecond / lpush).toFixed(3) });
}

// Reservation expiry: every job appends ReservationExpired to an inventory stream in Postgres.
const schema = uniqueSchema('bench_workers');
const store = await createPostgresEventStore({ connectionString: TEST_DATABASE_URL, schema, maxConnections: 32 });
const commands = createCommandHandlers(store);
// Two layouts: every job on its own SKU (expiries spread over the catalogue), and 20 jobs per SKU
// (a flash sale's reservations running out together), where worker processes contend for streams.
for (const [layout, skuCount] of [['distinct SKUs', expireJobs], ['20 jobs per SKU', Math.ceil(expireJobs / 20)]] as const) {
  for (const processes of [1, 2]) {
    const run = randomUUID().slice(0, 6);
    const skus = Array.from({ length: skuCount }, (_, i) => `BENCH-EXP-${run}-${i}`);
    const past = new Date(Date.now() - 600_000).toISOString();
    const expired = new Date(Date.now() - 300_000).toISOString();
    await runLanes(skus.length, 32, async (i) => {
      const result = await commands.inventory.send({ type: 'ReceiveStock', data: { sku: skus[i]!, warehouseId: 'main', quantity: 1_000_000, at: past } }, { commandId: randomUUID() });
      if (!result.ok) throw new Error(result.error.code);
    });
    await runLanes(expireJobs, 64, async (i) => {
      const result = await commands.inventory.send(
        { type: 'ReserveStock', data: { sku: skus[i % skus.length]!, reservationId: `r-${run}-${i}`, orderId: randomUUID(), quantity: 1, expiresAt: expired, at: past } },
        { commandId: randomUUID() },
      );
      if (!result.ok) throw new Error(result.error.code);
    });
    const jobs = Array.from({ length: expireJobs }, (_, i) => ({ name: jobKinds.expireReservation.name, data: { sku: skus[i % skus.length]!, reservationId: `r-${run}-${i}` } }));
    const perSecond = await drain(`expire-${run}`, jobs, processes, { MODE: 'expire', CONCURRENCY: '16', SCHEMA: schema, DATABASE_URL: TEST_DATABASE_URL });
    rows.push({ case: `reservation-expiry job, ${layout}, concurrency 16`, processes, 'ops/s': round(perSecond), 'vs LPUSH': (perSecond / lpush).toFixed(3) });
  }
}
await store.close();
await dropSchema(schema);
await deleteKeys(prefix);

await report('workers', rows, { scale, redis: 'local', store: 'postgres', noopJobs, expireJobs });
