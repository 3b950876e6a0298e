import { sql } from 'kysely';
import type { InventoryEvent } from '../../domain/inventory/index.js';
import type { RecordedEvent } from '../../eventstore/types.js';
import type { SqlProjection } from '../runner/sql-projection.js';

interface Deadline {
  readonly reservationId: string;
  readonly sku: string;
  readonly orderId: string;
  readonly quantity: number;
  readonly expiresAt: string;
}

/**
 * What a page does to each reservation, folded in memory so that the page costs two statements
 * instead of one per event (per-event round trips are what cap a rebuild):
 * - `keep-or-insert`: reserved in this page; a row already there (a re-delivered reservation) wins.
 * - `replace`: ended, then reserved again within the page: the old row goes, the new one comes.
 * - `delete`: ended (released, expired or committed).
 */
type Change = { kind: 'keep-or-insert' | 'replace'; row: Deadline } | { kind: 'delete' };

export function foldPage(events: readonly RecordedEvent[]): Map<string, Change> {
  const changes = new Map<string, Change>();
  for (const recorded of events) {
    const event = { type: recorded.type, data: recorded.data } as InventoryEvent;
    switch (event.type) {
      case 'StockReserved': {
        const { reservationId, sku, orderId, quantity, expiresAt } = event.data;
        const before = changes.get(reservationId);
        const row = { reservationId, sku, orderId, quantity, expiresAt };
        if (!before) changes.set(reservationId, { kind: 'keep-or-insert', row });
        else if (before.kind === 'delete') changes.set(reservationId, { kind: 'replace', row });
        break;
      }
      case 'ReservationReleased':
      case 'ReservationExpired':
      case 'ReservationCommitted':
        changes.set(event.data.reservationId, { kind: 'delete' });
        break;
      default:
        break;
    }
  }
  return changes;
}

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
    const changes = foldPage(events);
    const deleted: string[] = [];
    const inserted: Deadline[] = [];
    for (const [reservationId, change] of changes) {
      if (change.kind !== 'keep-or-insert') deleted.push(reservationId);
      if (change.kind !== 'delete') inserted.push(change.row);
    }
    if (deleted.length > 0) await sql`DELETE FROM ${table} WHERE reservation_id = ANY(${deleted}::text[])`.execute(trx);
    if (inserted.length > 0) {
      await sql`
        INSERT INTO ${table} (reservation_id, sku, order_id, quantity, expires_at)
        SELECT * FROM unnest(${inserted.map((r) => r.reservationId)}::text[], ${inserted.map((r) => r.sku)}::text[],
                             ${inserted.map((r) => r.orderId)}::text[], ${inserted.map((r) => r.quantity)}::integer[],
                             ${inserted.map((r) => r.expiresAt)}::timestamptz[])
        ON CONFLICT (reservation_id) DO NOTHING`.execute(trx);
    }
  },
};
