/**
 * npm run bench:http — autocannon against the API on a running server (a child process, so that the
 * load generator does not share the server's event loop) on a fresh Postgres database: product
 * detail, search, add to cart and checkout, beside a Fastify hello-world route served by the same
 * process (and one more hello-world behind the app's own plugins: helmet, auth, idempotency, metrics).
 * The catalog is seeded through the command handlers, then the projections are awaited.
 * Roles (BENCH_ROLES): `split` (default; as production runs) — the API in one process (`roles: ['api']`)
 * and the projections, sagas and job workers in another (`roles: ['worker']`), sharing BullMQ queues on
 * REDIS_URL (default redis://127.0.0.1:6379) under a prefix of their own; `together` — one process runs
 * everything with in-process queues (`npm start`), as the benchmark did first. Each row says how much
 * CPU each server process spent per request (process.cpuUsage), which the shared cores do not hide.
 * Env: DATABASE_URL (admin URL of the local server), BENCH_DURATION (seconds per case, default 10),
 * BENCH_CONNECTIONS (default 16), BENCH_PRODUCTS (default 300), BENCH_CASES (comma-separated parts of case
 * names to run; the hello-world baseline always runs), BENCH_CPU_PROF=1 (the server records a V8 CPU
 * profile of each case: bench/results/profiles/<case>.cpuprofile, for Chrome DevTools or speedscope;
 * split, the worker's beside it as <case>.worker.cpuprofile).
 * Targets: product detail ≥ 0.5× hello-world req/s with p99 < 10 ms; search p99 < 50 ms; checkout p99 < 200 ms.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import inspector from 'node:inspector/promises';
import path from 'node:path';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import helmet from 'helmet';
import { sql } from 'kysely';
import pg from 'pg';
import { pino } from 'pino';
import { loadConfig } from '../src/config.js';
import { Redis } from 'ioredis';
import { comparePositions } from '../src/eventstore/position.js';
import { buildApp } from '../src/http/app.js';
import { getProduct } from '../src/projections/read-models/index.js';
import { startSystem, type System } from '../src/system.js';
import { report, round, runLanes, type Row } from './support/report.js';

const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DURATION = Number(process.env.BENCH_DURATION ?? '10');
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? '16');
const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? '300');
const ONLY = process.env.BENCH_CASES?.split(',').map((part) => part.trim()).filter(Boolean);
const PROFILE = process.env.BENCH_CPU_PROF === '1';
const ROLES = process.env.BENCH_ROLES === 'together' ? 'together' : 'split';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const adjectives = ['Merino', 'Linen', 'Cedar', 'Copper', 'Walnut', 'Indigo', 'Alpine', 'Harbor', 'Velvet', 'Granite', 'Maple', 'Coastal'];
const nouns = ['sweater', 'lamp', 'kettle', 'backpack', 'blanket', 'chair', 'jacket', 'mug', 'scarf', 'boots', 'notebook', 'speaker'];
const brands = ['Northwind', 'Fabrikam', 'Contoso', 'Tailspin', 'Litware'];

interface Seeded {
  readonly appPort: number;
  readonly helloPort: number;
  readonly productIds: string[];
  readonly skus: string[];
}

type ToServer =
  | { type: 'settle' }
  | { type: 'stop' }
  | { type: 'cpu' }
  | { type: 'profile'; action: 'start' }
  | { type: 'profile'; action: 'stop'; file: string };
type FromServer =
  | { type: 'ready'; seeded?: Seeded }
  | { type: 'settled' }
  | { type: 'cpu'; micros: number }
  | { type: 'profiling' }
  | { type: 'failed'; message: string };

// ---------------------------------------------------------------- server processes (children)

/** What both server processes share: the database, the secrets (PII keys must agree) and, split, the queues. */
function serverConfig() {
  return loadConfig({ ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', EVENT_STORE: 'postgres', RATE_LIMIT_CHECKOUT_PER_MINUTE: '10000000' });
}

/** Answers the parent's settle, cpu, profile and stop messages for a system (and its servers). */
function answerParent(system: System, close: () => Promise<void>): void {
  const send = (message: FromServer) => process.send?.(message);
  const profiler = new inspector.Session();
  process.on('message', (message: ToServer) => {
    if (message.type === 'settle') void settle(system).then(() => send({ type: 'settled' }));
    if (message.type === 'cpu') {
      const { user, system: kernel } = process.cpuUsage();
      send({ type: 'cpu', micros: user + kernel });
    }
    if (message.type === 'profile') void profile(profiler, message).then(() => send({ type: 'profiling' }));
    if (message.type === 'stop') {
      void (async () => {
        await close();
        await system.stop();
        process.exit(0);
      })();
    }
  });
}

/** The worker role alone (split): projections, sagas, job workers. */
async function work(): Promise<void> {
  const system = await startSystem(serverConfig(), pino({ level: 'warn' }), { roles: ['worker'], queuePrefix: process.env.BENCH_QUEUE_PREFIX! });
  answerParent(system, async () => undefined);
  process.send?.({ type: 'ready' } satisfies FromServer);
}

/** The API (alone when split, with every role when together), the hello-world servers, and the seed. */
async function serve(): Promise<void> {
  const send = (message: FromServer) => process.send?.(message);
  const config = serverConfig();
  const logger = pino({ level: 'warn' });
  const split = process.env.BENCH_QUEUE_PREFIX !== undefined;
  const system = await startSystem(config, logger, split ? { roles: ['api'], queuePrefix: process.env.BENCH_QUEUE_PREFIX! } : {});
  const app = await buildApp({ config, logger, system });
  // The same hello-world twice: behind every plugin of the app, and on a bare Fastify (the baseline).
  app.get('/bench/hello', { schema: { hide: true } }, async () => ({ hello: 'world' }));
  const hello = Fastify({ logger: false });
  hello.get('/hello', async () => ({ hello: 'world' }));
  // Diagnostics: what one read-model round trip costs without the app around it.
  hello.get('/select1', async () => (await sql<{ one: number }>`SELECT 1 AS one`.execute(system.db)).rows[0]);
  hello.get<{ Params: { productId: string } }>('/product/:productId', async (request) => getProduct(system.db, request.params.productId));
  // Diagnostics: helmet run per request (built once), against its headers worked out once and set
  // through the reply (what the app does since; helmet's defaults do not depend on the request).
  const helmetOnce = helmet();
  await hello.register(async (scope) => {
    scope.addHook('onRequest', (request, reply, done) => helmetOnce(request.raw, reply.raw, (error?: unknown) => done(error instanceof Error ? error : undefined)));
    scope.get('/hello-helmet-once', async () => ({ hello: 'world' }));
  });
  const captured: Record<string, string> = {};
  helmetOnce({} as never, { setHeader: (name: string, value: unknown) => void (captured[name.toLowerCase()] = String(value)), removeHeader: () => undefined } as never, () => undefined);
  await hello.register(async (scope) => {
    scope.addHook('onRequest', (request, reply, done) => {
      reply.headers(captured).header('x-request-id', request.id);
      done();
    });
    scope.get('/hello-headers-once', async () => ({ hello: 'world' }));
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  await hello.listen({ host: '127.0.0.1', port: 0 });

  const seeded = await seedCatalog(system);
  // Split, the worker settles (it runs the projections) when the parent asks it.
  if (!split) await settle(system);
  const address = (server: { server: { address(): unknown } }) => (server.server.address() as { port: number }).port;
  answerParent(system, async () => {
    await hello.close();
    await app.close();
  });
  send({ type: 'ready', seeded: { appPort: address(app), helloPort: address(hello), ...seeded } });
}

/** CPU profile of the server while one case runs (V8's sampling profiler), written as a .cpuprofile. */
async function profile(session: inspector.Session, message: Extract<ToServer, { type: 'profile' }>): Promise<void> {
  if (message.action === 'start') {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
    return;
  }
  const { profile: recorded } = await session.post('Profiler.stop');
  await mkdir(path.dirname(message.file), { recursive: true });
  await writeFile(message.file, JSON.stringify(recorded));
  session.disconnect();
}

/** A category, a seller and PRODUCTS published products with two USD variants each, all in stock. */
async function seedCatalog(system: System): Promise<{ productIds: string[]; skus: string[] }> {
  const at = new Date().toISOString();
  const commandId = () => randomUUID();
  const must = (result: { ok: boolean; error?: { code: string } }) => {
    if (!result.ok) throw new Error(`seeding failed: ${result.error?.code}`);
  };
  const categoryId = randomUUID();
  must(await system.commands.category.send({ type: 'CreateCategory', data: { categoryId, name: 'Everything', slug: 'everything', parentId: null } }, { commandId: commandId() }));
  const seller = await system.customers.registerCustomer({ email: `seller-${randomUUID()}@example.com`, name: 'Bench Seller', password: 'correct horse battery staple', roles: ['seller'] }, { commandId: commandId() });
  if (!seller.ok) throw new Error(`seeding failed: ${seller.error.code}`);
  const actor = { userId: seller.customerId, roles: ['seller' as const] };
  const productIds = Array.from({ length: PRODUCTS }, () => randomUUID());
  const skus: string[] = [];
  await runLanes(PRODUCTS, 16, async (i) => {
    const productId = productIds[i]!;
    const title = `${adjectives[i % adjectives.length]} ${nouns[Math.floor(i / adjectives.length) % nouns.length]} ${i}`;
    const variants = ['S', 'L'].map((size, v) => ({ sku: `BENCH-${i}-${size}`, price: { amount: 1_500 + ((i * 37 + v * 500) % 9_000), currency: 'USD' }, attributes: { size } }));
    skus.push(...variants.map((v) => v.sku));
    must(
      await system.commands.product.send(
        {
          type: 'CreateProduct',
          data: { actor, productId, sellerId: seller.customerId, title, description: `A fine ${title.toLowerCase()} for every day.`, brand: brands[i % brands.length]!, categoryId, imageUrls: [`https://img.example.com/${i}.jpg`], attributes: { color: adjectives[(i * 7) % adjectives.length]! }, variants },
        },
        { commandId: commandId() },
      ),
    );
    must(await system.commands.product.send({ type: 'PublishProduct', data: { actor, productId } }, { commandId: commandId() }));
    for (const { sku } of variants) must(await system.commands.inventory.send({ type: 'ReceiveStock', data: { sku, warehouseId: 'main', quantity: 1_000_000, at } }, { commandId: commandId() }));
  });
  return { productIds, skus };
}

/** Waits until the log stops growing (sagas done) and every projection has reached its head. */
async function settle(system: System): Promise<void> {
  for (;;) {
    const head = await system.store.headPosition();
    if (head) await Promise.all(system.projections.map((p) => p.waitFor(head, 120_000)));
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = await system.store.headPosition();
    if (now === undefined || (head !== undefined && comparePositions(now, head) === 0)) return;
  }
}

// ---------------------------------------------------------------- load generator (parent)

/** The server's next message of this type (sending `message` first, if any). */
function answerOf<T extends FromServer['type']>(child: ChildProcess, expected: T, message?: ToServer): Promise<Extract<FromServer, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`the server exited (${code})`));
    const onMessage = (answer: FromServer) => {
      if (answer.type !== expected && answer.type !== 'failed') return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (answer.type === 'failed') reject(new Error(answer.message));
      else resolve(answer as Extract<FromServer, { type: T }>);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
    if (message) child.send(message);
  });
}

interface Case {
  readonly name: string;
  readonly url: string;
  readonly method?: 'GET' | 'POST';
  /**
   * Paths cycled through by every connection: each request is built once, so the load generator does
   * not rebuild one per request (with `next` it does, a cost the hello-world baseline does not pay).
   */
  readonly paths?: readonly string[];
  /** Varies each request (path, body): for requests that must not repeat (a cart checks out once). */
  readonly next?: () => { path: string; body?: string };
  /** A fixed number of requests instead of a duration (each checkout consumes a cart). */
  readonly amount?: number;
  readonly expectStatus?: number;
}

function requestsOf(c: Case): { requests?: autocannon.Request[] } {
  const method = c.method ?? 'GET';
  if (c.paths) return { requests: c.paths.map((path) => ({ method, path })) };
  if (c.next) return { requests: [{ method, setupRequest: (request: autocannon.Request) => ({ ...request, ...c.next!() }) }] };
  return {};
}

async function measure(c: Case): Promise<autocannon.Result> {
  const result = await autocannon({
    url: c.url,
    connections: CONNECTIONS,
    ...(c.amount !== undefined ? { amount: c.amount } : { duration: DURATION }),
    method: c.method ?? 'GET',
    headers: { 'content-type': 'application/json' },
    ...requestsOf(c),
  });
  const bad = result.non2xx + result.errors + result.timeouts;
  if (bad > 0) console.warn(`${c.name}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts of ${result.requests.total}`);
  return result;
}

async function http(base: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${base}${path}`, { method, headers: { 'content-type': 'application/json' }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${await response.text()}`);
  return response.json();
}

async function cartsWithItems(base: string, skus: readonly string[], count: number): Promise<string[]> {
  const carts: string[] = [];
  await runLanes(count, 16, async (i) => {
    const { cartId } = (await http(base, 'POST', '/api/v1/carts', {})) as { cartId: string };
    await http(base, 'POST', `/api/v1/carts/${cartId}/items`, { sku: skus[(i * 7) % skus.length], quantity: 1 });
    carts.push(cartId);
  });
  return carts;
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

/** BullMQ keys of this run (split): the queues' prefix is the run's own, so nothing else is touched. */
async function dropQueueKeys(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

async function main(): Promise<void> {
  const database = `bench_http_${Date.now().toString(36)}`;
  await adminQuery(`CREATE DATABASE ${database}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  const queuePrefix = `bench-http-${database}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: url.toString(),
    JWT_SECRET: randomBytes(32).toString('hex'),
    EMAIL_HASH_SECRET: randomBytes(32).toString('hex'),
    PII_MASTER_KEY: randomBytes(32).toString('base64'),
  };
  // Together: in-process queues and a local rate-limit store, as `npm start` without Redis.
  if (ROLES === 'together') delete env.REDIS_URL;
  else Object.assign(env, { REDIS_URL, BENCH_QUEUE_PREFIX: queuePrefix });
  const spawn = (role: 'server' | 'worker') => fork(new URL(import.meta.url).pathname, [], { env: { ...env, BENCH_HTTP_ROLE: role }, execArgv: process.execArgv });
  const children: ChildProcess[] = [];
  try {
    // Split: the worker first, so that the two processes do not create the read models at once.
    const worker = ROLES === 'split' ? spawn('worker') : undefined;
    if (worker) {
      children.push(worker);
      await answerOf(worker, 'ready');
    }
    console.log(`seeding ${PRODUCTS} products on a fresh database (${database}; roles ${ROLES}) …`);
    const child = spawn('server');
    children.push(child);
    const ready = await answerOf(child, 'ready');
    const { appPort, helloPort, productIds, skus } = ready.seeded!;
    const settler = worker ?? child;
    const settled = () => answerOf(settler, 'settled', { type: 'settle' });
    await settled();
    const cpuOf = async (server: ChildProcess | undefined) => (server ? (await answerOf(server, 'cpu', { type: 'cpu' })).micros : 0);
    const base = `http://127.0.0.1:${appPort}`;
    const pick = <T>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)]!;
    const shuffled = <T>(items: readonly T[]) => items.map((item) => ({ item, key: Math.random() })).sort((a, b) => a.key - b.key).map(({ item }) => item);
    // Every product once per cycle, in an order of its own; searches likewise from a fixed mix.
    const productPaths = shuffled(productIds);
    const searchPaths = Array.from({ length: 240 }, (_, i) => `/api/v1/search/products?q=${nouns[i % nouns.length]}${i % 10 < 3 ? `&brand=${brands[i % brands.length]}` : ''}`);

    const wanted = (name: string) => ONLY === undefined || ONLY.some((part) => name.includes(part));
    const shoppingCarts = wanted('POST /carts/{id}/items') ? await cartsWithItems(base, skus, 500) : [];
    const checkoutCarts = wanted('POST /carts/{id}/checkout (202)') ? await cartsWithItems(base, skus, 1_500) : [];
    const waitCarts = wanted('POST /carts/{id}/checkout?wait=true (settled)') ? await cartsWithItems(base, skus, 600) : [];
    await settled();
    const checkoutBody = (i: number) =>
      JSON.stringify({
        shippingAddress: { name: 'Ada Lovelace', line1: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'US' },
        shippingOption: 'standard',
        payment: { token: 'tok_sandbox_approve' },
        email: `guest${i}@example.com`,
      });
    let checkoutIndex = 0;
    let waitIndex = 0;

    const allCases: Case[] = [
      { name: 'hello-world (bare Fastify, same process)', url: `http://127.0.0.1:${helloPort}/hello` },
      // Right after its baseline: the ratio target, least exposed to the machine drifting (shared cores).
      { name: 'GET /products/{id}', url: base, paths: productPaths.map((id) => `/api/v1/products/${id}`) },
      { name: 'hello-world behind the app plugins', url: `${base}/bench/hello` },
      { name: 'diagnostic: bare Fastify + helmet run per request', url: `http://127.0.0.1:${helloPort}/hello-helmet-once` },
      { name: 'diagnostic: bare Fastify + helmet headers precomputed', url: `http://127.0.0.1:${helloPort}/hello-headers-once` },
      { name: 'diagnostic: bare Fastify + SELECT 1', url: `http://127.0.0.1:${helloPort}/select1` },
      { name: 'diagnostic: bare Fastify + getProduct query', url: `http://127.0.0.1:${helloPort}`, paths: productPaths.map((id) => `/product/${id}`) },
      { name: 'GET /search/products?q=', url: base, paths: shuffled(searchPaths) },
      { name: 'POST /carts/{id}/items', url: base, method: 'POST', next: () => ({ path: `/api/v1/carts/${pick(shoppingCarts)}/items`, body: JSON.stringify({ sku: pick(skus), quantity: 1 }) }) },
      {
        name: 'POST /carts/{id}/checkout (202)',
        url: base,
        method: 'POST',
        amount: checkoutCarts.length,
        next: () => ({ path: `/api/v1/carts/${checkoutCarts[checkoutIndex++ % checkoutCarts.length]}/checkout`, body: checkoutBody(checkoutIndex) }),
      },
      {
        name: 'POST /carts/{id}/checkout?wait=true (settled)',
        url: base,
        method: 'POST',
        amount: waitCarts.length,
        next: () => ({ path: `/api/v1/carts/${waitCarts[waitIndex++ % waitCarts.length]}/checkout?wait=true`, body: checkoutBody(100_000 + waitIndex) }),
      },
    ];

    // The baseline again at the end: how far the machine drifted during the run (shared cores).
    const cases = [...allCases.filter((c, i) => i === 0 || wanted(c.name)), { ...allCases[0]!, name: 'hello-world (bare Fastify) again, at the end' }];
    // A short warm-up of the read paths (JIT, connection pools), not recorded.
    for (const c of cases.filter((c) => c.method === undefined && !c.name.endsWith('at the end'))) await autocannon({ url: c.url, connections: CONNECTIONS, duration: 2, ...requestsOf(c) });

    const loadBefore = os.loadavg()[0]!;
    const rows: Row[] = [];
    let hello = 0;
    for (const c of cases) {
      if (c.name.startsWith('POST /carts/{id}/checkout')) await settled();
      if (PROFILE) for (const server of children) await answerOf(server, 'profiling', { type: 'profile', action: 'start' });
      const cpuBefore = [await cpuOf(child), await cpuOf(worker)];
      const client = { cpu: process.cpuUsage(), at: performance.now() };
      const result = await measure(c);
      const clientCpu = process.cpuUsage(client.cpu);
      const clientBusy = (clientCpu.user + clientCpu.system) / 1000 / (performance.now() - client.at);
      // The checkout's saga runs on after the last answer: its work counts until the log is quiet.
      const apiCpu = (await cpuOf(child)) - cpuBefore[0]!;
      if (worker && c.name.startsWith('POST /carts/{id}/checkout')) await settled();
      const workerCpu = (await cpuOf(worker)) - cpuBefore[1]!;
      const file = path.resolve('bench/results/profiles', `${c.name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '')}.cpuprofile`);
      if (PROFILE) {
        await answerOf(child, 'profiling', { type: 'profile', action: 'stop', file });
        if (worker) await answerOf(worker, 'profiling', { type: 'profile', action: 'stop', file: file.replace(/\.cpuprofile$/, '.worker.cpuprofile') });
      }
      if (rows.length === 0) hello = result.requests.average;
      const perRequest = (micros: number) => (result.requests.total > 0 ? round(micros / result.requests.total) : 0);
      rows.push({
        case: c.name,
        requests: result.requests.total,
        'req/s': round(result.requests.average),
        'x hello-world': Number((result.requests.average / hello).toFixed(2)),
        'p50 ms': result.latency.p50,
        'p99 ms': result.latency.p99,
        'non-2xx': result.non2xx + result.errors + result.timeouts,
        // CPU of the server process(es) per answered request: the shared cores hide it from req/s.
        [ROLES === 'split' ? 'api CPU µs/req' : 'server CPU µs/req']: perRequest(apiCpu),
        ...(worker ? { 'worker CPU µs/req': perRequest(workerCpu) } : {}),
        // autocannon (this process) parses every answer's headers in JS: near a full core, the load
        // generator rather than the server sets the pace of the cheap cases.
        'client CPU %': round(clientBusy * 100),
      });
    }
    const value = (prefix: string, column: string) => {
      const found = rows.find((r) => String(r.case).startsWith(prefix));
      return found === undefined ? undefined : Number(found[column]);
    };
    const verdict = (measured: number | undefined, ok: (n: number) => boolean) => (measured === undefined ? 'not run' : ok(measured) ? 'met' : 'MISSED');
    const verdicts = {
      'product detail ≥ 0.5× hello-world req/s': verdict(value('GET /products', 'x hello-world'), (n) => n >= 0.5),
      'product detail p99 < 10 ms': verdict(value('GET /products', 'p99 ms'), (n) => n < 10),
      'search p99 < 50 ms': verdict(value('GET /search', 'p99 ms'), (n) => n < 50),
      'checkout p99 < 200 ms': verdict(value('POST /carts/{id}/checkout (202)', 'p99 ms'), (n) => n < 200),
      'checkout?wait=true p99 < 200 ms (settled saga; not the target)': verdict(value('POST /carts/{id}/checkout?wait', 'p99 ms'), (n) => n < 200),
    };
    console.table(verdicts);
    await report('http', rows, {
      store: 'postgres',
      roles: ROLES === 'split' ? 'split: API process (roles api) + worker process (roles worker), BullMQ on Redis' : 'together: one process, every role, in-process queues',
      products: PRODUCTS,
      durationSeconds: DURATION,
      // Other work on the machine moves every figure: the 1-minute load average before and after.
      loadAverage: { before: Number(loadBefore.toFixed(1)), after: Number(os.loadavg()[0]!.toFixed(1)) },
      connections: CONNECTIONS,
      targets: 'product detail ≥ 0.5× hello-world req/s with p99 < 10 ms; search p99 < 50 ms; checkout p99 < 200 ms',
      verdicts,
    });
    // The API first: it stops enqueueing before the worker goes.
    for (const server of [child, worker]) {
      if (!server) continue;
      server.send({ type: 'stop' } satisfies ToServer);
      await new Promise((resolve) => server.once('exit', resolve));
    }
  } finally {
    for (const server of children) if (server.exitCode === null) server.kill();
    await adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    if (ROLES === 'split') await dropQueueKeys(queuePrefix);
  }
}

const role = process.env.BENCH_HTTP_ROLE;
if (role === 'server' || role === 'worker') {
  (role === 'server' ? serve() : work()).catch((error: unknown) => {
    process.send?.({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies FromServer);
    process.exit(1);
  });
} else {
  await main();
}
