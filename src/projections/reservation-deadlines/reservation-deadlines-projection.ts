import { sql } from 'kysely';
import type { InventoryEvent } from '../../domain/inventory/index.js';
import type { SqlProjection } from '../runner/sql-projection.js';

/** Which reservations are still active, and until when: the expiry sweep's to-do list. */
export const reservationDeadlinesProjection: SqlProjection = {
  name: 'reservation-deadlines',
  version: 1,
  filter: {
    categories: ['inventory'],
    eventTypes: ['StockReserved', 'ReservationReleased', 'ReservationExpired', 'ReservationCommitted'],
  },
  async apply(trx, events) {
    for (const recorded of events) {
      const event = { type: recorded.type, data: recorded.data } as InventoryEvent;
      switch (event.type) {
        case 'StockReserved':
          await sql`
            INSERT INTO reservation_deadlines (reservation_id, sku, order_id, quantity, expires_at)
            VALUES (${event.data.reservationId}, ${event.data.sku}, ${event.data.orderId}, ${event.data.quantity}, ${event.data.expiresAt})
            ON CONFLICT (reservation_id) DO NOTHING`.execute(trx);
          break;
        case 'ReservationReleased':
        case 'ReservationExpired':
        case 'ReservationCommitted':
          await sql`DELETE FROM reservation_deadlines WHERE reservation_id = ${event.data.reservationId}`.execute(trx);
          break;
        default:
          break;
      }
    }
  },
};
