import { domainError } from '../shared/index.js';
import type { AdjustStock, ReceiveStock, SetLowStockThreshold } from './commands.js';
import type { AdjustmentReason, InventoryEvent } from './events.js';
import type { InventoryError } from './errors.js';
import type { InventoryState } from './state.js';

type Outcome = readonly InventoryEvent[] | InventoryError;

// Commands are parsed at the edge, but decide re-checks every number it adds to the counters:
// the no-oversell invariant must not rest on a caller having remembered to parse.
export const isPositiveQuantity = (value: number): boolean => Number.isSafeInteger(value) && value > 0;

const invalidQuantity = (field: string, value: number): InventoryError =>
  domainError('INVALID_QUANTITY', `${field} must be a positive safe integer`, { [field]: value });

/** Which way each reason may move stock; a "damaged" item never adds to it. */
const allowedSign: Record<AdjustmentReason, 'negative' | 'positive' | 'either'> = {
  count_correction: 'either',
  damaged: 'negative',
  lost: 'negative',
  found: 'positive',
  returned: 'positive',
};

export function receiveStock({ data }: ReceiveStock, state: InventoryState): Outcome {
  if (!isPositiveQuantity(data.quantity) || !Number.isSafeInteger(state.onHand + data.quantity)) {
    return invalidQuantity('quantity', data.quantity);
  }
  return [
    { type: 'StockReceived', data: { sku: data.sku, warehouseId: data.warehouseId, quantity: data.quantity, at: data.at } },
  ];
}

export function adjustStock({ data }: AdjustStock, state: InventoryState): Outcome {
  const { delta, reason } = data;
  if (!Number.isSafeInteger(delta) || delta === 0 || !Number.isSafeInteger(state.onHand + delta)) {
    return domainError('INVALID_QUANTITY', 'delta must be a non-zero safe integer', { delta });
  }
  const sign = allowedSign[reason];
  if ((sign === 'negative' && delta > 0) || (sign === 'positive' && delta < 0)) {
    return domainError('INVALID_ADJUSTMENT', `an adjustment for "${reason}" must be ${sign}`, { delta, reason });
  }
  if (state.onHand + delta < state.reserved) {
    return domainError('INSUFFICIENT_STOCK', 'the adjustment would leave less stock on hand than is reserved', {
      delta,
      onHand: state.onHand,
      reserved: state.reserved,
      available: state.available,
    });
  }
  return [{ type: 'StockAdjusted', data: { sku: data.sku, delta, reason, at: data.at } }];
}

export function setLowStockThreshold({ data }: SetLowStockThreshold, state: InventoryState): Outcome {
  if (!Number.isSafeInteger(data.threshold) || data.threshold < 0) return invalidQuantity('threshold', data.threshold);
  if (data.threshold === state.lowStockThreshold) return [];
  return [{ type: 'LowStockThresholdSet', data: { sku: data.sku, threshold: data.threshold, at: data.at } }];
}
