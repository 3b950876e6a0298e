/**
 * npm run bench:checkout — orders per second through the whole checkout saga on postgres: place
 * order, reserve, authorize on the sandbox gateway, confirm, commit; distinct SKUs.
 * Env: DATABASE_URL (default the local test server), BENCH_SCALE (default 1).
 */
import { randomUUID } from 'node:crypto';
import { createCommandHandlers } from '../src/commands/command-handlers.js';
import { createCheckoutSaga } from '../src/commands/checkout/checkout-saga.js';
import { placeOrder, receiveStock, waitUntilHandled, waitUntilSettled } from '../src/commands/checkout/checkout.fixtures.js';
import { runProcessManager } from '../src/commands/process-managers/process-manager-runner.js';
import { createPostgresEventStore } from '../src/eventstore/postgres/postgres-event-store.js';
import { createSandboxGateway } from '../src/payments/sandbox/sandbox-gateway.js';
import { testTokens } from '../src/payments/test-cards.js';
import { createSqlCheckpointStore } from '../src/projections/checkpoints/checkpoint-store.js';
import { progressBar } from '../src/cli/progress-bar.js';
import { dropSchema, TEST_DATABASE_URL, uniqueSchema } from '../test/support/postgres.js';
import { report, round, runLanes, type Row } from './support/report.js';

const scale = Number(process.env.BENCH_SCALE ?? '1');
const orders = Math.round(4_000 * scale);
const skus = Array.from({ length: 1_000 }, (_, i) => `BENCH-${i}-${randomUUID().slice(0, 6)}`);

const schema = uniqueSchema('bench_checkout');
const store = await createPostgresEventStore({ connectionString: TEST_DATABASE_URL, schema, maxConnections: 48 });
const checkpoints = createSqlCheckpointStore(store.db);
const commands = createCommandHandlers(store);
await runLanes(skus.length, 16, async (i) => receiveStock(commands, skus[i]!, 1_000_000));

const rows: Row[] = [];
for (const concurrency of [64, 256]) {
  const saga = runProcessManager(createCheckoutSaga({ commands, gateway: createSandboxGateway() }), { store, checkpoints, concurrency });
  const bar = progressBar(`checkout, saga concurrency ${concurrency}`, orders);
  const orderIds: string[] = [];
  const started = performance.now();
  const placing = await runLanes(orders, 64, async (i) => {
    orderIds.push(await placeOrder(commands, [{ sku: skus[i % skus.length]!, quantity: 1 }], testTokens.approve));
    bar.increment();
  });
  await waitUntilHandled(store, checkpoints, orderIds, 600_000);
  const seconds = (performance.now() - started) / 1000;
  bar.stop();
  await saga.stop();
  const states = await waitUntilSettled(commands, orderIds.slice(0, 200));
  const confirmed = [...states.values()].filter((s) => s.status === 'CONFIRMED').length;
  rows.push({
    case: 'place + saga to CONFIRMED, distinct SKUs',
    'saga concurrency': concurrency,
    orders,
    'orders/s end to end': round(orders / seconds),
    'orders placed/s': round(placing.perSecond),
    'confirmed (sample of 200)': confirmed,
  });
}
await store.close();
await dropSchema(schema);
await report('checkout', rows, { scale, store: 'postgres', target: '≥ 600 orders/s' });
