import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../eventstore/types.js';
import { foldPage } from './reservation-deadlines-projection.js';

let position = 0n;
const event = (type: string, reservationId: string, expiresAt = '2026-11-22T10:15:00.000Z'): RecordedEvent => ({
  id: `e${++position}`,
  type,
  data: { reservationId, sku: 'SKU-1', orderId: 'o1', quantity: 1, at: '2026-11-22T10:00:00.000Z', expiresAt, reason: 'r' },
  metadata: {},
  streamName: 'inventory-SKU-1',
  revision: position,
  position: { commit: position, prepare: position },
  recordedAt: new Date(),
});

/** A page folded must leave the table as the events applied one by one would. */
describe('reservation deadlines: folding a page', () => {
  it('keeps the first reservation of an id and lets an end delete it', () => {
    const changes = foldPage([event('StockReserved', 'a'), event('StockReserved', 'a', 'later'), event('StockReserved', 'b'), event('ReservationCommitted', 'b')]);
    expect(changes.get('a')).toMatchObject({ kind: 'keep-or-insert', row: { expiresAt: '2026-11-22T10:15:00.000Z' } });
    expect(changes.get('b')).toEqual({ kind: 'delete' });
  });

  it('replaces a reservation ended and made again within the page', () => {
    const changes = foldPage([event('ReservationReleased', 'a'), event('StockReserved', 'a', 'again'), event('StockReserved', 'a', 'ignored')]);
    expect(changes.get('a')).toMatchObject({ kind: 'replace', row: { expiresAt: 'again' } });
  });

  it('ignores events it does not follow', () => {
    expect(foldPage([event('StockReceived', 'x')]).size).toBe(0);
  });
});
