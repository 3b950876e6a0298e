/**
 * npm run bench:flash-sale — one SKU with stock S, C concurrent buyers each reserving one unit until
 * it is sold out. Measures successful reservations/s and oversold units (must be 0), for the
 * group-commit command handler and, in the same run, the naive read–decide–append loop.
 * Env: DATABASE_URL (default the local test server), BENCH_SCALE (default 1).
 */
import { randomUUID } from 'node:crypto';
import { createAggregateCommandHandler } from '../src/commands/aggregate-command-handler.js';
import { inventoryDecider, inventoryStreamName, type InventoryCommand, type InventoryEvent } from '../src/domain/inventory/index.js';
import { createPostgresEventStore } from '../src/eventstore/postgres/postgres-event-store.js';
import { createPGliteEventStore } from '../src/eventstore/pglite/pglite-event-store.js';
import type { EventStore } from '../src/eventstore/types.js';
import { dropSchema, TEST_DATABASE_URL, uniqueSchema } from '../test/support/postgres.js';
import { naiveSend } from './support/naive-command-loop.js';
import { report, round, type Row } from './support/report.js';

const scale = Number(process.env.BENCH_SCALE ?? '1');
const at = '2026-11-22T10:00:00.000Z';
const expiresAt = '2026-11-22T10:15:00.000Z';

const reserve = (sku: string): InventoryCommand => ({
  type: 'ReserveStock',
  data: { sku, reservationId: randomUUID(), orderId: randomUUID(), quantity: 1, expiresAt, at },
});

type Send = (command: InventoryCommand) => Promise<'reserved' | 'sold_out'>;

async function sale(store: EventStore, stock: number, buyers: number, send: Send) {
  const sku = `FLASH-${randomUUID().slice(0, 8)}`;
  await store.appendToStream(inventoryStreamName(sku), [
    { id: randomUUID(), type: 'StockReceived', data: { sku, warehouseId: 'main', quantity: stock, at } },
  ]);
  let reserved = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: buyers }, async () => {
      while ((await send(reserve(sku))) === 'reserved') reserved++;
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const events = await store.readStream(inventoryStreamName(sku));
  const state = events.reduce((s, e) => inventoryDecider.evolve(s, { type: e.type, data: e.data } as InventoryEvent), inventoryDecider.initialState());
  return { perSecond: reserved / seconds, seconds, reserved, oversold: Math.max(0, state.reserved - stock) + Math.max(0, -state.available) };
}

async function run(name: string, store: EventStore, groupStock: number, naiveStock: number, rows: Row[]) {
  for (const buyers of [64, 200]) {
    const handler = createAggregateCommandHandler({ store, decider: inventoryDecider, streamName: (c) => inventoryStreamName(c.data.sku) });
    console.error(`${name}: group commit, ${buyers} buyers`);
    const grouped = await sale(store, groupStock, buyers, async (command) => {
      const result = await handler.send(command, { commandId: randomUUID() });
      return result.ok ? 'reserved' : 'sold_out';
    });
    let conflicts = 0;
    console.error(`${name}: naive loop, ${buyers} buyers`);
    const naive = await sale(store, naiveStock, buyers, async (command) => {
      const decision = await naiveSend(store, inventoryDecider, inventoryStreamName(command.data.sku), command, () => conflicts++);
      return Array.isArray(decision) ? 'reserved' : 'sold_out';
    });
    rows.push(
      { store: name, loop: 'group commit', buyers, stock: groupStock, 'reservations/s': round(grouped.perSecond), oversold: grouped.oversold, 'vs naive': Number((grouped.perSecond / naive.perSecond).toFixed(1)) },
      { store: name, loop: 'naive read-decide-append', buyers, stock: naiveStock, 'reservations/s': round(naive.perSecond), oversold: naive.oversold, 'conflicts/s': round(conflicts / naive.seconds) },
    );
  }
}

const rows: Row[] = [];
const schema = uniqueSchema('bench_flash');
const pg = await createPostgresEventStore({ connectionString: TEST_DATABASE_URL, schema, maxConnections: 64 });
await run('postgres', pg, Math.round(50_000 * scale), Math.round(1_000 * scale), rows);
await pg.close();
await dropSchema(schema);
const lite = await createPGliteEventStore({ pglite: 'memory://' });
await run('pglite', lite, Math.round(20_000 * scale), Math.round(300 * scale), rows);
await lite.db.destroy();
await report('flash-sale', rows, { scale, target: 'postgres: ≥ 5,000 reservations/s and ≥ 10× the naive loop; oversold 0' });
