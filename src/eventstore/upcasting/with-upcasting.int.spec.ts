import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlStores, type OpenedStore } from '../../../test/support/stores.js';
import { createCommandHandlers } from '../../commands/command-handlers.js';
import { inventoryEventSchema, inventoryStreamName, lowStockDetectedSchema } from '../../domain/inventory/index.js';
import { eventUpcasters } from '../../history/event-upcasters.js';
import type { EventStore, RecordedEvent } from '../types.js';
import { waitUntilVisible } from '../wait-until-visible.js';
import { withUpcasting } from './with-upcasting.js';

const at = '2026-01-05T10:00:00.000Z';
const v1 = { schemaVersion: 1 };

/** History as it was written before LowStockDetected gained `severity`: raw rows, version 1. */
function v1History(sku: string) {
  const base = { sku, at };
  return [
    { id: randomUUID(), type: 'StockReceived', data: { ...base, warehouseId: 'wh-1', quantity: 5 }, metadata: v1 },
    { id: randomUUID(), type: 'LowStockThresholdSet', data: { ...base, threshold: 2 }, metadata: v1 },
    { id: randomUUID(), type: 'StockReserved', data: { ...base, reservationId: 'r1', orderId: 'o1', quantity: 3, expiresAt: at }, metadata: v1 },
    { id: randomUUID(), type: 'LowStockDetected', data: { ...base, available: 2, threshold: 2 }, metadata: v1 },
    { id: randomUUID(), type: 'StockReserved', data: { ...base, reservationId: 'r2', orderId: 'o2', quantity: 2, expiresAt: at }, metadata: v1 },
    { id: randomUUID(), type: 'ReservationReleased', data: { ...base, reservationId: 'r2', orderId: 'o2', quantity: 2, reason: 'x' }, metadata: v1 },
    { id: randomUUID(), type: 'StockAdjusted', data: { ...base, delta: -2, reason: 'damaged' }, metadata: v1 },
    { id: randomUUID(), type: 'LowStockDetected', data: { ...base, available: 0, threshold: 2 }, metadata: v1 },
  ];
}

const lowStock = (events: readonly RecordedEvent[]) => events.filter((e) => e.type === 'LowStockDetected');

describe.each(sqlStores)('reading version-1 history through withUpcasting ($name)', ({ open }) => {
  let opened: OpenedStore;
  let store: EventStore;
  const sku = `UPC-${randomUUID().slice(0, 8)}`;
  const stream = inventoryStreamName(sku);

  beforeAll(async () => {
    opened = await open();
    store = withUpcasting(opened.store, eventUpcasters);
    const written = await opened.store.appendToStream(stream, v1History(sku), { expectedRevision: 'no_stream' });
    // A write transaction running elsewhere on the server keeps newer appends from $all readers for a while.
    expect(await waitUntilVisible(opened.store, written.position, 30_000)).toBe(true);
  });
  afterAll(() => opened?.dispose());

  it('hands out version 2 on readStream and readAll, and every event parses with today’s schema', async () => {
    const byStream = await store.readStream(stream);
    const byAll = (await store.readAll({ filter: { categories: ['inventory'] }, maxCount: 100 })).filter((e) => e.streamName === stream);
    for (const events of [byStream, byAll]) {
      expect(lowStock(events).map((e) => [e.data, e.metadata])).toEqual([
        [{ sku, available: 2, threshold: 2, severity: 'low', at }, { schemaVersion: 2, upcastFrom: 1 }],
        [{ sku, available: 0, threshold: 2, severity: 'sold_out', at }, { schemaVersion: 2, upcastFrom: 1 }],
      ]);
      for (const event of events) expect(() => inventoryEventSchema.parse({ type: event.type, data: event.data })).not.toThrow();
    }
    // Nothing was rewritten: the stored events are still version 1.
    const raw = lowStock(await opened.store.readStream(stream));
    expect(raw.map((e) => [e.data, e.metadata.schemaVersion])).toEqual([
      [{ sku, available: 2, threshold: 2, at }, 1],
      [{ sku, available: 0, threshold: 2, at }, 1],
    ]);
    expect(() => lowStockDetectedSchema.parse({ type: raw[0]!.type, data: raw[0]!.data })).toThrow();
  });

  it('hands out version 2 to subscribers, which is what projections and sagas read', async () => {
    const subscription = store.subscribe({ filter: { eventTypes: ['LowStockDetected'] } });
    const seen: RecordedEvent[] = [];
    for await (const event of subscription) {
      if (event.streamName === stream) seen.push(event);
      if (seen.length === 2) break;
    }
    await subscription.stop();
    expect(seen.map((e) => lowStockDetectedSchema.parse({ type: e.type, data: e.data }).data.severity)).toEqual(['low', 'sold_out']);
  });

  it('lets the command side fold the old history and stamps what it writes with version 2', async () => {
    const inventory = createCommandHandlers(store).inventory;
    expect((await inventory.read(stream)).state).toMatchObject({ onHand: 3, reserved: 3, available: 0, lowStockThreshold: 2 });
    const context = { commandId: randomUUID() };
    const commit = await inventory.send({ type: 'CommitReservation', data: { sku, reservationId: 'r1', at } }, context);
    expect(commit.ok).toBe(true);
    // Back above the threshold, then sold out again: the decider warns once more, in version 2.
    expect((await inventory.send({ type: 'ReceiveStock', data: { sku, warehouseId: 'wh-1', quantity: 4, at } }, { commandId: randomUUID() })).ok).toBe(true);
    const reserve = { sku, reservationId: 'r3', orderId: 'o3', quantity: 4, expiresAt: '2026-01-05T10:15:00.000Z', at };
    expect((await inventory.send({ type: 'ReserveStock', data: reserve }, { commandId: randomUUID() })).ok).toBe(true);
    const raw = await opened.store.readStream(stream, { fromRevision: 8n });
    expect(raw.map((e) => [e.type, e.metadata.schemaVersion])).toEqual([
      ['ReservationCommitted', 1],
      ['StockReceived', 1],
      ['StockReserved', 1],
      ['LowStockDetected', 2],
    ]);
    expect(raw[3]!.data).toEqual({ sku, available: 0, threshold: 2, severity: 'sold_out', at });
    // Read back through the decorator, a current event is passed through untouched.
    const read = await store.readStream(stream, { fromRevision: 11n });
    expect(read[0]!.metadata).not.toHaveProperty('upcastFrom');
  });
});
