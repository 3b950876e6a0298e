// Builders shared by this folder's tests: terse commands and events with sensible defaults.
import { fold, isDomainError } from '../shared/index.js';
import type { DomainError } from '../shared/index.js';
import type { InventoryCommand, ReserveStock } from './commands.js';
import type { InventoryDecision } from './decide.js';
import type { InventoryEvent } from './events.js';
import { evolve, initialState } from './state.js';
import type { InventoryState } from './state.js';

export const sku = 'SKU-1';
export const t0 = '2025-03-01T10:00:00.000Z';
export const t15 = '2025-03-01T10:15:00.000Z';
export const t20 = '2025-03-01T10:20:00.000Z';

export const given = (...events: InventoryEvent[]): InventoryState => fold(evolve, initialState(), events);

export const received = (quantity: number): InventoryEvent => ({
  type: 'StockReceived',
  data: { sku, warehouseId: 'WH-1', quantity, at: t0 },
});

export const reserved = (reservationId: string, quantity: number, orderId = `order-${reservationId}`): InventoryEvent => ({
  type: 'StockReserved',
  data: { sku, reservationId, orderId, quantity, expiresAt: t15, at: t0 },
});

export const released = (reservationId: string, quantity: number, orderId = `order-${reservationId}`): InventoryEvent => ({
  type: 'ReservationReleased',
  data: { sku, reservationId, orderId, quantity, reason: 'order_cancelled', at: t0 },
});

export const expired = (reservationId: string, quantity: number, orderId = `order-${reservationId}`): InventoryEvent => ({
  type: 'ReservationExpired',
  data: { sku, reservationId, orderId, quantity, expiresAt: t15, at: t15 },
});

export const committed = (reservationId: string, quantity: number, orderId = `order-${reservationId}`): InventoryEvent => ({
  type: 'ReservationCommitted',
  data: { sku, reservationId, orderId, quantity, at: t0 },
});

export const thresholdSet = (threshold: number): InventoryEvent => ({
  type: 'LowStockThresholdSet',
  data: { sku, threshold, at: t0 },
});

export const reserve = (
  reservationId: string,
  quantity: number,
  overrides: Partial<ReserveStock['data']> = {},
): InventoryCommand => ({
  type: 'ReserveStock',
  data: { sku, reservationId, orderId: `order-${reservationId}`, quantity, expiresAt: t15, at: t0, ...overrides },
});

export function expectError(decision: InventoryDecision, code: string): DomainError {
  if (!isDomainError(decision)) throw new Error(`expected ${code}, got events ${JSON.stringify(decision)}`);
  if (decision.code !== code) throw new Error(`expected ${code}, got ${decision.code}: ${decision.message}`);
  return decision;
}
