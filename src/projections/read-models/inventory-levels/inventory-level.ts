import type { InventoryEvent } from '../../../domain/inventory/index.js';

/** Stock of one SKU as buyers and staff see it. */
export interface InventoryLevel {
  readonly sku: string;
  readonly onHand: number;
  readonly reserved: number;
  readonly available: number;
  readonly lowStockThreshold: number;
  /** Set by LowStockDetected; cleared once `available` rises above the threshold again. */
  readonly lowStockSince: string | null;
  readonly updatedAt: string;
}

const empty = (sku: string, at: string): InventoryLevel => ({
  sku,
  onHand: 0,
  reserved: 0,
  available: 0,
  lowStockThreshold: 0,
  lowStockSince: null,
  updatedAt: at,
});

function counters(level: InventoryLevel, event: InventoryEvent): InventoryLevel {
  switch (event.type) {
    case 'StockReceived':
      return { ...level, onHand: level.onHand + event.data.quantity };
    case 'StockAdjusted':
      return { ...level, onHand: level.onHand + event.data.delta };
    case 'LowStockThresholdSet':
      return { ...level, lowStockThreshold: event.data.threshold };
    case 'StockReserved':
      return { ...level, reserved: level.reserved + event.data.quantity };
    case 'ReservationReleased':
    case 'ReservationExpired':
      return { ...level, reserved: level.reserved - event.data.quantity };
    case 'ReservationCommitted':
      // Sold: the goods leave the shelf and the reservation together.
      return { ...level, onHand: level.onHand - event.data.quantity, reserved: level.reserved - event.data.quantity };
    case 'LowStockDetected':
      return { ...level, lowStockSince: level.lowStockSince ?? event.data.at };
  }
}

/** Mirrors the inventory aggregate's counters; the reservation events carry their quantities. */
export function evolveInventoryLevel(level: InventoryLevel | undefined, event: InventoryEvent): InventoryLevel {
  const next = counters(level ?? empty(event.data.sku, event.data.at), event);
  const available = next.onHand - next.reserved;
  const recovered = available > next.lowStockThreshold;
  return { ...next, available, lowStockSince: recovered ? null : next.lowStockSince, updatedAt: event.data.at };
}
