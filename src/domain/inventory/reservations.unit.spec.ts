import { describe, expect, it } from 'vitest';
import type { InventoryCommand } from './commands.js';
import { decide } from './decide.js';
import { activeReservations, endedReservation } from './state.js';
import {
  committed,
  expectError,
  expired,
  given,
  received,
  released,
  reserve,
  reserved,
  sku,
  t0,
  t15,
  t20,
} from './inventory.fixtures.js';

describe('ReserveStock', () => {
  it('reserves available stock', () => {
    expect(decide(reserve('r1', 4), given(received(10)))).toEqual([reserved('r1', 4)]);
    const state = given(received(10), reserved('r1', 4));
    expect(state).toMatchObject({ onHand: 10, reserved: 4, available: 6 });
    expect(activeReservations(state)).toEqual([{ reservationId: 'r1', orderId: 'order-r1', quantity: 4, expiresAt: t15 }]);
  });

  it('may take the last unit (and, at the default threshold of 0, warns that the SKU is sold out)', () => {
    expect(decide(reserve('r2', 6), given(received(10), reserved('r1', 4)))).toEqual([
      reserved('r2', 6),
      { type: 'LowStockDetected', data: { sku, available: 0, threshold: 0, severity: 'sold_out', at: t0 } },
    ]);
  });

  it('rejects more than is available with INSUFFICIENT_STOCK', () => {
    const error = expectError(decide(reserve('r2', 7), given(received(10), reserved('r1', 4))), 'INSUFFICIENT_STOCK');
    expect(error.details).toEqual({ requested: 7, available: 6 });
  });

  it('rejects any reservation of a SKU never stocked', () => {
    expectError(decide(reserve('r1', 1), given()), 'INSUFFICIENT_STOCK');
  });

  it('is a no-op when repeated while active, even if the stock has gone since', () => {
    expect(decide(reserve('r1', 10), given(received(10), reserved('r1', 10)))).toEqual([]);
  });

  it.each([
    ['released', released('r1', 4)],
    ['expired', expired('r1', 4)],
    ['committed', committed('r1', 4)],
  ])('is a no-op when repeated after the reservation %s', (_, end) => {
    expect(decide(reserve('r1', 4), given(received(10), reserved('r1', 4), end))).toEqual([]);
  });

  it('rejects the same id with another quantity or order with RESERVATION_CONFLICT', () => {
    const state = given(received(10), reserved('r1', 4));
    expectError(decide(reserve('r1', 5), state), 'RESERVATION_CONFLICT');
    expectError(decide(reserve('r1', 4, { orderId: 'another-order' }), state), 'RESERVATION_CONFLICT');
    expectError(decide(reserve('r1', 5), given(received(10), reserved('r1', 4), released('r1', 4))), 'RESERVATION_CONFLICT');
  });

  it.each([0, -1, 2.5])('rejects a quantity of %s with INVALID_QUANTITY', (quantity) => {
    expectError(decide(reserve('r1', quantity), given(received(10))), 'INVALID_QUANTITY');
  });

  it('rejects an expiry that is not after the reservation with INVALID_EXPIRY', () => {
    expectError(decide(reserve('r1', 1, { expiresAt: t0 }), given(received(10))), 'INVALID_EXPIRY');
  });
});

describe('ReleaseReservation', () => {
  const release = (reservationId: string): InventoryCommand => ({
    type: 'ReleaseReservation',
    data: { sku, reservationId, reason: 'order_cancelled', at: t0 },
  });

  it('returns the reserved units to available stock', () => {
    expect(decide(release('r1'), given(received(10), reserved('r1', 4)))).toEqual([released('r1', 4)]);
    const state = given(received(10), reserved('r1', 4), released('r1', 4));
    expect(state).toMatchObject({ onHand: 10, reserved: 0, available: 10 });
    expect(activeReservations(state)).toEqual([]);
    expect(endedReservation(state, 'r1')).toEqual({ orderId: 'order-r1', quantity: 4, endedAs: 'released' });
  });

  it.each([
    ['released', released('r1', 4)],
    ['expired', expired('r1', 4)],
    ['committed', committed('r1', 4)],
  ])('is a no-op for a reservation already %s', (_, end) => {
    expect(decide(release('r1'), given(received(10), reserved('r1', 4), end))).toEqual([]);
  });

  it('rejects an unknown reservation with RESERVATION_NOT_FOUND', () => {
    expectError(decide(release('nope'), given(received(10))), 'RESERVATION_NOT_FOUND');
  });
});

describe('ExpireReservation', () => {
  const expire = (reservationId: string, at: string): InventoryCommand => ({
    type: 'ExpireReservation',
    data: { sku, reservationId, at },
  });

  it('expires a reservation at or after its expiry', () => {
    expect(decide(expire('r1', t15), given(received(10), reserved('r1', 4)))).toEqual([expired('r1', 4)]);
    expect(decide(expire('r1', t20), given(received(10), reserved('r1', 4)))).toHaveLength(1);
    expect(given(received(10), reserved('r1', 4), expired('r1', 4))).toMatchObject({ onHand: 10, reserved: 0, available: 10 });
  });

  it('rejects an early expiry with RESERVATION_NOT_EXPIRED', () => {
    const error = expectError(decide(expire('r1', t0), given(received(10), reserved('r1', 4))), 'RESERVATION_NOT_EXPIRED');
    expect(error.details).toEqual({ reservationId: 'r1', expiresAt: t15, at: t0 });
  });

  it('compares instants, not strings, across time zones', () => {
    // 10:10+00:00 written in UTC+01:00 sorts after 10:15Z as a string, yet is earlier.
    expectError(
      decide(expire('r1', '2025-03-01T11:10:00.000+01:00'), given(received(10), reserved('r1', 4))),
      'RESERVATION_NOT_EXPIRED',
    );
  });

  it.each([
    ['released', released('r1', 4)],
    ['expired', expired('r1', 4)],
    ['committed', committed('r1', 4)],
  ])('is a no-op for a reservation already %s', (_, end) => {
    expect(decide(expire('r1', t20), given(received(10), reserved('r1', 4), end))).toEqual([]);
  });

  it('rejects an unknown reservation with RESERVATION_NOT_FOUND', () => {
    expectError(decide(expire('nope', t20), given(received(10))), 'RESERVATION_NOT_FOUND');
  });
});

describe('CommitReservation', () => {
  const commit = (reservationId: string): InventoryCommand => ({
    type: 'CommitReservation',
    data: { sku, reservationId, at: t0 },
  });

  it('sells the reserved units: on-hand and reserved both drop', () => {
    expect(decide(commit('r1'), given(received(10), reserved('r1', 4)))).toEqual([committed('r1', 4)]);
    const state = given(received(10), reserved('r1', 4), reserved('r2', 1), committed('r1', 4));
    expect(state).toMatchObject({ onHand: 6, reserved: 1, available: 5 });
    expect(endedReservation(state, 'r1')?.endedAs).toBe('committed');
  });

  it('may commit a reservation past its expiry that has not been expired yet', () => {
    const state = given(received(10), reserved('r1', 4));
    expect(decide({ type: 'CommitReservation', data: { sku, reservationId: 'r1', at: t20 } }, state)).toHaveLength(1);
  });

  it('is a no-op when repeated', () => {
    expect(decide(commit('r1'), given(received(10), reserved('r1', 4), committed('r1', 4)))).toEqual([]);
  });

  it.each([
    ['released', released('r1', 4)],
    ['expired', expired('r1', 4)],
  ])('rejects a reservation already %s with RESERVATION_ENDED', (endedAs, end) => {
    const error = expectError(decide(commit('r1'), given(received(10), reserved('r1', 4), end)), 'RESERVATION_ENDED');
    expect(error.details).toEqual({ reservationId: 'r1', endedAs });
  });

  it('rejects an unknown reservation with RESERVATION_NOT_FOUND', () => {
    expectError(decide(commit('nope'), given(received(10))), 'RESERVATION_NOT_FOUND');
  });
});
