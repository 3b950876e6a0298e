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
  tables: ['reservation_deadlines'],
  async createTables(db, t) {
    const table = t('reservation_deadlines');
    await sql`
      CREATE TABLE ${sql.id(table)} (
        reservation_id text PRIMARY KEY,
        sku            text NOT NULL,
        order_id       text NOT NULL,
        quantity       integer NOT NULL,
        expires_at     timestamptz NOT NULL
      )`.execute(db);
    await sql`CREATE INDEX ${sql.id(`${table}_expires_at`)} ON ${sql.id(table)} (expires_at)`.execute(db);
  },
  async apply(trx, events, t) {
    const table = sql.id(t('reservation_deadlines'));
    for (const recorded of events) {
      const event = { type: recorded.type, data: recorded.data } as InventoryEvent;
      switch (event.type) {
        case 'StockReserved':
          await sql`
            INSERT INTO ${table} (reservation_id, sku, order_id, quantity, expires_at)
            VALUES (${event.data.reservationId}, ${event.data.sku}, ${event.data.orderId}, ${event.data.quantity}, ${event.data.expiresAt})
            ON CONFLICT (reservation_id) DO NOTHING`.execute(trx);
          break;
        case 'ReservationReleased':
        case 'ReservationExpired':
        case 'ReservationCommitted':
          await sql`DELETE FROM ${table} WHERE reservation_id = ${event.data.reservationId}`.execute(trx);
          break;
        default:
          break;
      }
    }
  },
};
