import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeReservations } from '../../domain/inventory/index.js';
import { reservationDeadlinesProjection } from '../../projections/reservation-deadlines/reservation-deadlines-projection.js';
import { runSqlProjection } from '../../projections/runner/run-sql-projection.js';
import { sqlStores, type OpenedStore } from '../../../test/support/stores.js';
import { createCommandHandlers } from '../command-handlers.js';
import { receiveStock, stockOf } from '../checkout/checkout.fixtures.js';
import { sweepExpiredReservations } from './sweep-expired-reservations.js';

describe.each(sqlStores)('reservation expiry on $name', ({ open }) => {
  let opened: OpenedStore;
  beforeAll(async () => {
    opened = await open();
  });
  afterAll(() => opened?.dispose());

  it('releases what was not committed by its deadline, and only that', async () => {
    const { store, db } = opened;
    const commands = createCommandHandlers(store);
    const sku = `SKU-${randomUUID().slice(0, 8)}`;
    await receiveStock(commands, sku, 10);
    const reserve = async (reservationId: string, expiresAt: string) => {
      const result = await commands.inventory.send(
        { type: 'ReserveStock', data: { sku, reservationId, orderId: randomUUID(), quantity: 2, expiresAt, at: '2026-11-22T10:00:00.000Z' } },
        { commandId: randomUUID() },
      );
      expect(result.ok).toBe(true);
      return result.ok ? result.position! : undefined;
    };
    await reserve('overdue', '2026-11-22T10:15:00.000Z');
    await reserve('committed', '2026-11-22T10:15:00.000Z');
    const last = await reserve('still-held', '2026-11-22T11:00:00.000Z');
    await commands.inventory.send({ type: 'CommitReservation', data: { sku, reservationId: 'committed', at: '2026-11-22T10:05:00.000Z' } }, { commandId: randomUUID() });

    const projection = runSqlProjection(reservationDeadlinesProjection, { store, db });
    expect(await projection.waitFor(last!, 20_000)).toBe(true);
    const now = () => new Date('2026-11-22T10:30:00.000Z');
    expect(await sweepExpiredReservations({ db, commands, now })).toEqual({ expired: 1 });
    // A second sweep, before the read model caught up with the expiry, changes nothing.
    expect(await sweepExpiredReservations({ db, commands, now })).toEqual({ expired: 0 });
    await projection.stop();

    const stock = await stockOf(commands, sku);
    expect(stock).toMatchObject({ onHand: 8, reserved: 2, available: 6 });
    expect(activeReservations(stock).map((r) => r.reservationId)).toEqual(['still-held']);
  });
});
