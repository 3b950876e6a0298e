import { describe, expect, it } from 'vitest';
import { isDomainError } from '../shared/index.js';
import type { InventoryCommand } from './commands.js';
import { decideMany } from './decide-many.js';
import { given, received, reserve, reserved, sku, t0 } from './inventory.fixtures.js';

describe('decideMany', () => {
  it('serves a crowd of buyers of a hot SKU until the stock runs out, in order', () => {
    const buyers = Array.from({ length: 15 }, (_, i) => reserve(`r${i}`, 1));
    const batch = decideMany(buyers, given(received(10)));

    expect(batch.decisions.slice(0, 10).every((decision) => !isDomainError(decision) && decision.length >= 1)).toBe(true);
    expect(batch.decisions.slice(10).map((decision) => isDomainError(decision) && decision.code)).toEqual(
      Array(5).fill('INSUFFICIENT_STOCK'),
    );
    expect(batch.events.map((event) => event.type)).toEqual([...Array(10).fill('StockReserved'), 'LowStockDetected']);
    expect(batch.state).toMatchObject({ onHand: 10, reserved: 10, available: 0 });
  });

  it('lets a later command see what an earlier one did', () => {
    const commands: InventoryCommand[] = [
      reserve('r1', 2),
      reserve('r1', 2),
      { type: 'ReleaseReservation', data: { sku, reservationId: 'r1', reason: 'cart_abandoned', at: t0 } },
      reserve('r2', 5),
    ];
    const batch = decideMany(commands, given(received(5)));
    expect(batch.decisions).toEqual([
      [reserved('r1', 2)],
      [],
      [
        {
          type: 'ReservationReleased',
          data: { sku, reservationId: 'r1', orderId: 'order-r1', quantity: 2, reason: 'cart_abandoned', at: t0 },
        },
      ],
      [reserved('r2', 5), { type: 'LowStockDetected', data: { sku, available: 0, threshold: 0, severity: 'sold_out', at: t0 } }],
    ]);
    expect(batch.events).toEqual(batch.decisions.flat());
  });

  it('returns the given state and no events for an empty batch', () => {
    const state = given(received(5));
    expect(decideMany([], state)).toEqual({ decisions: [], events: [], state });
  });
});
