import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  inventoryDecider,
  inventoryStreamName,
  type InventoryCommand,
  type InventoryEvent,
  type InventoryState,
} from '../domain/inventory/index.js';
import { fold } from '../domain/shared/index.js';
import type { EventStore } from '../eventstore/types.js';
import { sqlStores, type OpenedStore } from '../../test/support/stores.js';
import { createAggregateCommandHandler, type AggregateCommandHandler } from './aggregate-command-handler.js';

const at = '2026-11-22T10:00:00.000Z';
const expiresAt = '2026-11-22T10:15:00.000Z';
const receive = (sku: string, quantity: number): InventoryCommand => ({
  type: 'ReceiveStock',
  data: { sku, warehouseId: 'main', quantity, at },
});
const reserve = (sku: string, quantity = 1, reservationId = randomUUID()): InventoryCommand => ({
  type: 'ReserveStock',
  data: { sku, reservationId, orderId: randomUUID(), quantity, expiresAt, at },
});

describe.each(sqlStores)('aggregate command handler on $name', ({ open }) => {
  let opened: OpenedStore;
  let store: EventStore;
  const handler = (): AggregateCommandHandler<InventoryState, InventoryCommand, InventoryEvent> =>
    createAggregateCommandHandler({ store, decider: inventoryDecider, streamName: (c) => inventoryStreamName(c.data.sku) });
  const stockOf = async (sku: string) => {
    const events = await store.readStream(inventoryStreamName(sku));
    return fold(inventoryDecider.evolve, inventoryDecider.initialState(), events.map((e) => ({ type: e.type, data: e.data }) as InventoryEvent));
  };

  beforeAll(async () => {
    opened = await open();
    store = opened.store;
  });
  afterAll(() => opened?.dispose());

  it('decides and appends, with the command in every event’s metadata', async () => {
    const sku = `SKU-${randomUUID()}`;
    const result = await handler().send(receive(sku, 5), { commandId: 'cmd-1', userId: 'seller-1' });
    expect(result).toMatchObject({ ok: true, revision: 0n });
    const [event] = await store.readStream(inventoryStreamName(sku));
    expect(event).toMatchObject({ type: 'StockReceived', metadata: { commandId: 'cmd-1', commandType: 'ReceiveStock', userId: 'seller-1' } });
  });

  it('returns a domain error and appends nothing', async () => {
    const sku = `SKU-${randomUUID()}`;
    const result = await handler().send(reserve(sku, 1), { commandId: randomUUID() });
    expect(result).toMatchObject({ ok: false, error: { code: 'INSUFFICIENT_STOCK' } });
    expect(await store.readStream(inventoryStreamName(sku))).toEqual([]);
  });

  it('a retried command (same id) takes effect once, even from a fresh process', async () => {
    const sku = `SKU-${randomUUID()}`;
    const commandId = randomUUID();
    await handler().send(receive(sku, 5), { commandId });
    const again = await handler().send(receive(sku, 5), { commandId });
    expect(again.ok).toBe(true);
    expect((await stockOf(sku)).onHand).toBe(5);
  });

  it('a retried command inside a batch of new ones: the others still apply, the retry once', async () => {
    const sku = `SKU-${randomUUID()}`;
    const commands = handler();
    const retriedId = randomUUID();
    await commands.send(receive(sku, 5), { commandId: retriedId });
    const results = await Promise.all([
      commands.send(receive(sku, 5), { commandId: retriedId }),
      handler().send(receive(sku, 1), { commandId: randomUUID() }),
      ...Array.from({ length: 5 }, () => commands.send(receive(sku, 2), { commandId: randomUUID() })),
    ]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect((await stockOf(sku)).onHand).toBe(5 + 1 + 10);
  });

  it('200 concurrent buyers of 50 units through two processes: exactly 50 reserved, never oversold', async () => {
    const sku = `SKU-${randomUUID()}`;
    const [processA, processB] = [handler(), handler()];
    await processA.send(receive(sku, 50), { commandId: randomUUID() });
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => (i % 2 ? processA : processB).send(reserve(sku), { commandId: randomUUID() })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(50);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.error.code === 'INSUFFICIENT_STOCK')).toBe(true);
    const stock = await stockOf(sku);
    expect(stock).toMatchObject({ onHand: 50, reserved: 50, available: 0 });
  });
});
