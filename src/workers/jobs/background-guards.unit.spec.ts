import { describe, expect, it } from 'vitest';
import { createReservationExpiryScheduler, type ExpiryRequest } from '../../commands/reservation-expiry/reservation-expiry-scheduler.js';
import type { RecordedEvent } from '../../eventstore/types.js';
import { createNotificationDispatcher } from './notifications/notification-dispatcher.js';
import type { NotificationRequest } from './notifications/notification-request.js';

const now = () => new Date('2026-11-22T10:00:00.000Z');
const event = (type: string, data: Record<string, unknown>, recordedAt = now()): RecordedEvent =>
  ({ id: `event-${type}-${recordedAt.getTime()}`, type, data, metadata: {}, streamName: 'inventory-SKU-1', revision: 0n, position: { commit: 1n, prepare: 1n }, recordedAt }) as RecordedEvent;

/** What keeps a first start over a long history from flooding the queues. */
describe('background process managers on old history', () => {
  it('schedules an expiry for a reservation still held or just overdue, and leaves long overdue ones to the sweep', async () => {
    const scheduled: ExpiryRequest[] = [];
    const scheduler = createReservationExpiryScheduler(async (request) => void scheduled.push(request), { now, overdueGraceMs: 60_000 });
    const reserved = (reservationId: string, expiresAt: string) => event('StockReserved', { sku: 'SKU-1', reservationId, orderId: 'o', quantity: 1, expiresAt, at: '2026-11-22T09:00:00.000Z' });
    await scheduler.handle(reserved('ahead', '2026-11-22T10:15:00.000Z'));
    await scheduler.handle(reserved('just-overdue', '2026-11-22T09:59:30.000Z'));
    await scheduler.handle(reserved('long-overdue', '2026-11-22T09:15:00.000Z'));
    expect(scheduled.map((r) => r.reservationId)).toEqual(['ahead', 'just-overdue']);
    expect(scheduled[0]).toMatchObject({ sku: 'SKU-1', expiresAt: '2026-11-22T10:15:00.000Z', eventId: expect.any(String) });
  });

  it('notifies about recent events only', async () => {
    const sent: NotificationRequest[] = [];
    const dispatcher = createNotificationDispatcher(async (request) => void sent.push(request), { now, maxAgeMs: 3_600_000 });
    await dispatcher.handle(event('LowStockDetected', { sku: 'SKU-1', available: 1, threshold: 2 }, new Date('2026-11-22T09:30:00.000Z')));
    await dispatcher.handle(event('LowStockDetected', { sku: 'SKU-1', available: 0, threshold: 2 }, new Date('2026-11-20T09:30:00.000Z')));
    expect(sent).toEqual([{ eventId: expect.any(String), type: 'LowStockDetected', streamName: 'inventory-SKU-1', data: { sku: 'SKU-1', available: 1, threshold: 2 } }]);
  });
});
