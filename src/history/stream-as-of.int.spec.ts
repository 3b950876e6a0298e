import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlStores, type OpenedStore } from '../../test/support/stores.js';
import { inventoryStreamName } from '../domain/inventory/index.js';
import type { RecordedEvent } from '../eventstore/types.js';
import { inventoryTimeline } from './inventory-timeline.js';
import { streamAsOf } from './stream-as-of.js';
import { UnknownStreamCategoryError } from './stream-deciders.js';
import { writeInventoryHistory } from './testing/inventory-history.js';

describe.each(sqlStores)('time travel over a real inventory stream ($name)', ({ open }) => {
  let opened: OpenedStore;
  let events: RecordedEvent[];
  const sku = `TT-${randomUUID().slice(0, 8)}`;
  const stream = inventoryStreamName(sku);

  beforeAll(async () => {
    opened = await open();
    await writeInventoryHistory(opened.store, sku);
    events = await opened.store.readStream(stream);
  });
  afterAll(() => opened?.dispose());

  it('folds the whole stream when no point is given', async () => {
    const now = await streamAsOf(opened.store, stream);
    expect(events.map((e) => e.type)).toEqual([
      'StockReceived',
      'LowStockThresholdSet',
      'StockReserved',
      'StockReserved',
      'LowStockDetected',
      'ReservationCommitted',
      'ReservationReleased',
      'StockAdjusted',
    ]);
    expect(now.revision).toBe(7n);
    expect(now.events).toHaveLength(8);
    expect(now.state).toMatchObject({ onHand: 5, reserved: 0, available: 5, lowStockThreshold: 3, reservations: {} });
    // Persistent maps come out as plain objects keyed by reservation id.
    expect(now.state).toMatchObject({ endedReservations: { r1: { endedAs: 'committed', quantity: 4 }, r2: { endedAs: 'released', quantity: 5 } } });
  });

  it('stops at a revision', async () => {
    const asOf = await streamAsOf(opened.store, stream, { revision: 3n });
    expect(asOf.revision).toBe(3n);
    expect(asOf.events.map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n]);
    expect(asOf.state).toMatchObject({ onHand: 10, reserved: 9, available: 1, reservations: { r1: { quantity: 4 }, r2: { quantity: 5 } } });
    expect((await streamAsOf(opened.store, stream, { revision: 99n })).revision).toBe(7n);
    expect((await streamAsOf(opened.store, stream, { revision: 5n }, { lastEvents: 2 })).events.map((e) => e.revision)).toEqual([4n, 5n]);
  });

  it('stops at a time: every event recorded at or before it', async () => {
    const fifth = events[5]!; // ReservationCommitted, its own append
    const asOf = await streamAsOf(opened.store, stream, { time: fifth.recordedAt });
    expect(asOf.revision).toBe(5n);
    expect(asOf.state).toMatchObject({ onHand: 6, reserved: 5, available: 1 });
    const before = await streamAsOf(opened.store, stream, { time: new Date(events[0]!.recordedAt.getTime() - 1) });
    expect(before).toMatchObject({ revision: -1n, events: [], state: { onHand: 0, reserved: 0, available: 0 } });
  });

  it('reads a stream nobody wrote as the initial state, and refuses a category no aggregate owns', async () => {
    expect(await streamAsOf(opened.store, 'inventory-NOBODY')).toMatchObject({ revision: -1n, state: { onHand: 0 } });
    await expect(streamAsOf(opened.store, 'audit-1')).rejects.toThrow(UnknownStreamCategoryError);
  });

  it('draws the stock timeline bucket by bucket, agreeing with streamAsOf at every bucket end', async () => {
    const first = events[0]!.recordedAt.getTime();
    const last = events.at(-1)!.recordedAt.getTime();
    const from = new Date(first - 20);
    const to = new Date(last + 20);
    const bucket = Math.max(1, Math.ceil((to.getTime() - from.getTime()) / 12));
    const timeline = await inventoryTimeline(opened.store, sku, { from, to, bucket });
    expect(timeline.buckets.length).toBe(Math.ceil((to.getTime() - from.getTime()) / bucket));
    expect(timeline.buckets[0]!.at).toBe(from.toISOString());
    expect(timeline.buckets.at(-1)).toMatchObject({ onHand: 5, reserved: 0, available: 5 });
    expect(timeline.buckets.reduce((n, b) => n + b.events, 0)).toBe(8);
    for (const [i, point] of timeline.buckets.entries()) {
      const end = Math.min(from.getTime() + (i + 1) * bucket, to.getTime());
      const expected = await streamAsOf(opened.store, stream, { time: new Date(end - 1) });
      expect(point, `bucket ${i}`).toMatchObject({
        onHand: (expected.state as { onHand: number }).onHand,
        reserved: (expected.state as { reserved: number }).reserved,
        events: events.filter((e) => e.recordedAt.getTime() >= from.getTime() + i * bucket && e.recordedAt.getTime() < end).length,
      });
    }
    // A window that ends as the stream begins has nothing in it.
    const before = await inventoryTimeline(opened.store, sku, { from: new Date(first - 100), to: new Date(first), bucket: 50 });
    expect(before.buckets).toEqual([
      { at: new Date(first - 100).toISOString(), onHand: 0, reserved: 0, available: 0, events: 0 },
      { at: new Date(first - 50).toISOString(), onHand: 0, reserved: 0, available: 0, events: 0 },
    ]);
    // A window that starts mid-history carries the levels reached before it.
    const late = await inventoryTimeline(opened.store, sku, { from: new Date(last), to: new Date(last + 10), bucket: 10 });
    expect(late.buckets).toEqual([{ at: new Date(last).toISOString(), onHand: 5, reserved: 0, available: 5, events: 1 }]);
  });
});
