import { describe, expect, it } from 'vitest';
import { decide } from './decide.js';
import { evolve } from './state.js';
import { expectError, given, received, reserved, sku, t0, thresholdSet } from './inventory.fixtures.js';

describe('ReceiveStock', () => {
  const receive = (quantity: number) => ({ type: 'ReceiveStock', data: { sku, warehouseId: 'WH-1', quantity, at: t0 } }) as const;

  it('adds to on-hand stock', () => {
    const events = decide(receive(10), given(thresholdSet(0)));
    expect(events).toEqual([received(10)]);
    const state = given(received(10), received(5));
    expect(state).toMatchObject({ onHand: 15, reserved: 0, available: 15 });
  });

  it.each([0, -3, 1.5, Number.NaN])('rejects a quantity of %s with INVALID_QUANTITY', (quantity) => {
    expectError(decide(receive(quantity), given()), 'INVALID_QUANTITY');
  });

  it('rejects a quantity that would overflow the counter', () => {
    expectError(decide(receive(10), given(received(Number.MAX_SAFE_INTEGER - 5))), 'INVALID_QUANTITY');
  });
});

describe('AdjustStock', () => {
  const adjust = (delta: number, reason: 'count_correction' | 'damaged' | 'lost' | 'found' | 'returned' = 'count_correction') =>
    ({ type: 'AdjustStock', data: { sku, delta, reason, at: t0 } }) as const;

  it('moves on-hand stock by the delta', () => {
    const state = given(received(10), reserved('r1', 4));
    const adjusted = { type: 'StockAdjusted', data: { sku, delta: -5, reason: 'damaged', at: t0 } } as const;
    expect(decide(adjust(-5, 'damaged'), state)).toEqual([adjusted]);
    expect(evolve(state, adjusted)).toMatchObject({ onHand: 5, reserved: 4, available: 1 });
  });

  it('rejects taking away stock that is reserved with INSUFFICIENT_STOCK', () => {
    const error = expectError(decide(adjust(-7, 'lost'), given(received(10), reserved('r1', 4))), 'INSUFFICIENT_STOCK');
    expect(error.details).toEqual({ delta: -7, onHand: 10, reserved: 4, available: 6 });
  });

  it.each([
    [3, 'damaged'],
    [2, 'lost'],
    [-1, 'found'],
    [-4, 'returned'],
  ] as const)('rejects a delta of %s for "%s" with INVALID_ADJUSTMENT', (delta, reason) => {
    expectError(decide(adjust(delta, reason), given(received(10))), 'INVALID_ADJUSTMENT');
  });

  it('accepts either sign for a count correction', () => {
    expect(decide(adjust(5), given(received(10)))).toHaveLength(1);
    expect(decide(adjust(-5), given(received(10)))).toHaveLength(1);
  });

  it.each([0, 0.5])('rejects a delta of %s with INVALID_QUANTITY', (delta) => {
    expectError(decide(adjust(delta), given(received(10))), 'INVALID_QUANTITY');
  });
});

describe('SetLowStockThreshold', () => {
  const setThreshold = (threshold: number) => ({ type: 'SetLowStockThreshold', data: { sku, threshold, at: t0 } }) as const;

  it('records the threshold', () => {
    expect(decide(setThreshold(3), given(received(10)))).toEqual([thresholdSet(3)]);
    expect(given(thresholdSet(3)).lowStockThreshold).toBe(3);
  });

  it('is a no-op when the threshold is unchanged', () => {
    expect(decide(setThreshold(3), given(received(10), thresholdSet(3)))).toEqual([]);
  });

  it('rejects a negative threshold with INVALID_QUANTITY', () => {
    expectError(decide(setThreshold(-1), given()), 'INVALID_QUANTITY');
  });
});
