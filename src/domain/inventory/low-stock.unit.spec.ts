import { describe, expect, it } from 'vitest';
import type { InventoryCommand } from './commands.js';
import { decide } from './decide.js';
import type { InventoryEvent } from './events.js';
import { given, received, reserve, reserved, sku, t0, thresholdSet } from './inventory.fixtures.js';

const lowStock = (available: number, threshold: number): InventoryEvent => ({
  type: 'LowStockDetected',
  data: { sku, available, threshold, severity: available === 0 ? 'sold_out' : 'low', at: t0 },
});

describe('LowStockDetected', () => {
  it('follows the reservation that takes available from above the threshold to at or below it', () => {
    expect(decide(reserve('r1', 7), given(received(10), thresholdSet(3)))).toEqual([reserved('r1', 7), lowStock(3, 3)]);
  });

  it('is not repeated while stock stays low', () => {
    expect(decide(reserve('r2', 1), given(received(10), thresholdSet(3), reserved('r1', 7)))).toEqual([reserved('r2', 1)]);
  });

  it('is not emitted while available stays above the threshold', () => {
    expect(decide(reserve('r1', 6), given(received(10), thresholdSet(3)))).toEqual([reserved('r1', 6)]);
  });

  it('follows a write-off that crosses the threshold', () => {
    const writeOff: InventoryCommand = { type: 'AdjustStock', data: { sku, delta: -8, reason: 'damaged', at: t0 } };
    expect(decide(writeOff, given(received(10), thresholdSet(3)))).toEqual([
      { type: 'StockAdjusted', data: { sku, delta: -8, reason: 'damaged', at: t0 } },
      lowStock(2, 3),
    ]);
  });

  it('follows a raised threshold that the current stock is now at or below', () => {
    const raise: InventoryCommand = { type: 'SetLowStockThreshold', data: { sku, threshold: 10, at: t0 } };
    expect(decide(raise, given(received(10), thresholdSet(3)))).toEqual([thresholdSet(10), lowStock(10, 10)]);
  });

  it('warns again after stock has recovered and falls once more', () => {
    const recovered = given(received(10), thresholdSet(3), reserved('r1', 7), received(5));
    expect(recovered.available).toBe(8);
    expect(decide(reserve('r2', 6), recovered)).toEqual([reserved('r2', 6), lowStock(2, 3)]);
  });

  it('is not emitted by a commit, which leaves available unchanged', () => {
    const commit: InventoryCommand = { type: 'CommitReservation', data: { sku, reservationId: 'r1', at: t0 } };
    expect(decide(commit, given(received(10), thresholdSet(3), reserved('r1', 6)))).toHaveLength(1);
  });
});
