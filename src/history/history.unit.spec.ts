import { describe, expect, it } from 'vitest';
import { PMap } from '../domain/shared/index.js';
import type { EventStore } from '../eventstore/types.js';
import { parseDuration } from './duration.js';
import { inventoryTimeline } from './inventory-timeline.js';
import { stateToJson } from './state-json.js';

describe('stateToJson', () => {
  it('writes maps, sets, persistent maps, bigints and dates as plain JSON', () => {
    const reservations = PMap.set(PMap.set(PMap.empty<{ q: number }>(), 'r2', { q: 2 }), 'r1', { q: 1 });
    expect(
      stateToJson({
        addresses: new Map([['a1', { city: 'Oslo' }]]),
        roles: new Set(['customer']),
        reservations,
        revision: 12n,
        at: new Date('2026-01-01T00:00:00Z'),
        gone: undefined,
      }),
    ).toEqual({ addresses: { a1: { city: 'Oslo' } }, roles: ['customer'], reservations: { r1: { q: 1 }, r2: { q: 2 } }, revision: '12', at: '2026-01-01T00:00:00.000Z' });
    expect(JSON.stringify(stateToJson({ reservations }))).toBe('{"reservations":{"r1":{"q":1},"r2":{"q":2}}}');
  });
});

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['15m', 900_000],
    ['1h', 3_600_000],
    ['1d', 86_400_000],
    ['2w', 1_209_600_000],
  ])('%s is %i ms', (text, ms) => expect(parseDuration(text)).toBe(ms));
  it.each(['', '0m', '1.5h', 'h', '1y', '-1h'])('%j is not a duration', (text) => expect(parseDuration(text)).toBeUndefined());
});

describe('inventoryTimeline arguments', () => {
  const store = { readStream: () => Promise.resolve([]) } as unknown as EventStore;
  const from = new Date('2026-01-01T00:00:00Z');
  it('refuses an empty range and too many buckets before reading anything', async () => {
    await expect(inventoryTimeline(store, 'S', { from, to: from, bucket: 1000 })).rejects.toThrow('the timeline needs from < to');
    await expect(inventoryTimeline(store, 'S', { from, to: new Date('2026-02-01T00:00:00Z'), bucket: 60_000 })).rejects.toThrow(/44640 buckets is more than 10000/);
  });
  it('gives zero levels for a SKU with no stream, the last bucket cut at `to`', async () => {
    const timeline = await inventoryTimeline(store, 'S', { from, to: new Date(from.getTime() + 2500), bucket: 1000 });
    expect(timeline.buckets.map((b) => b.at)).toEqual(['2026-01-01T00:00:00.000Z', '2026-01-01T00:00:01.000Z', '2026-01-01T00:00:02.000Z']);
    expect(timeline.buckets.every((b) => b.onHand === 0 && b.events === 0)).toBe(true);
  });
});

describe('ndjsonLines', () => {
  it('writes exactly what JSON.stringify of the exported record writes, one line per event', async () => {
    const { ndjsonLines } = await import('./export/export-lines.js');
    const { toExportedEvent } = await import('./export/event-record.js');
    const event = {
      id: '0b6c1f9e-8f55-4a57-9a3f-2d1f0e5b8c11',
      type: 'Odd"Type\\',
      data: { text: 'line\nbreak "quoted" ü', n: 1.5, nested: [null, true] },
      metadata: { schemaVersion: 2, upcastFrom: 1 },
      streamName: 'order-a"b',
      revision: 12n,
      position: { commit: 123456789012n, prepare: 42n },
      recordedAt: new Date('2026-01-02T03:04:05.678Z'),
    };
    expect(ndjsonLines([event, event])).toBe(`${JSON.stringify(toExportedEvent(event))}\n`.repeat(2));
  });
});
