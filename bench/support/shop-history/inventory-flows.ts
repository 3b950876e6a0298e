import { lowStockSeverity } from '../../../src/domain/inventory/index.js';
import { DAY, HOUR, iso, type Shop, type Sku } from './shop.js';

type StockEvent = { type: string; data: Record<string, unknown> };

export interface Reservation {
  readonly sku: Sku;
  readonly reservationId: string;
  readonly orderId: string;
  readonly quantity: number;
  readonly expiresAt: number;
}

export const available = (sku: Sku): number => sku.onHand - sku.reserved;

const WAREHOUSES = ['wh-east', 'wh-west', 'wh-eu'];

/**
 * Appends one inventory command's events to `inventory-<sku>`, keeping the counters, and adds
 * `LowStockDetected` when the command took `available` to or below the threshold, as `decide` does
 * (judged on the state before and after). Low stock orders a restock from the supplier.
 */
function stockCommand(shop: Shop, sku: Sku, events: StockEvent[], commandType: string, correlationId: string): void {
  const wasLow = available(sku) <= sku.threshold;
  for (const { type, data } of events) {
    const quantity = (data.quantity as number | undefined) ?? 0;
    if (type === 'StockReceived') sku.onHand += quantity;
    else if (type === 'StockAdjusted') sku.onHand += data.delta as number;
    else if (type === 'LowStockThresholdSet') sku.threshold = data.threshold as number;
    else if (type === 'StockReserved') sku.reserved += quantity;
    else if (type === 'ReservationReleased' || type === 'ReservationExpired') sku.reserved -= quantity;
    else if (type === 'ReservationCommitted') {
      sku.reserved -= quantity;
      sku.onHand -= quantity;
      sku.soldSinceRestock += quantity;
    }
  }
  const now = available(sku);
  if (!wasLow && now <= sku.threshold) {
    events.push({ type: 'LowStockDetected', data: { sku: sku.sku, available: now, threshold: sku.threshold, severity: lowStockSeverity(now), at: iso(shop.now) } });
  }
  shop.append(`inventory-${sku.sku}`, events, commandType, correlationId);
  if (now <= Math.max(sku.threshold, 3)) orderRestock(shop, sku);
}

/** The supplier delivers in one to four days, enough for the recent demand and some more. */
function orderRestock(shop: Shop, sku: Sku): void {
  if (sku.restocking || sku.product.status === 'discontinued') return;
  sku.restocking = true;
  shop.clock.after(shop.random.int(1, 4) * DAY + shop.random.int(0, 8) * HOUR, () => {
    sku.restocking = false;
    if (sku.product.status === 'discontinued') return;
    const quantity = Math.max(20, 2 * sku.soldSinceRestock + shop.random.int(10, 60));
    sku.soldSinceRestock = 0;
    receiveStock(shop, sku, quantity);
  });
}

export function receiveStock(shop: Shop, sku: Sku, quantity: number): void {
  const data = { sku: sku.sku, warehouseId: shop.random.pick(WAREHOUSES), quantity, at: iso(shop.now) };
  stockCommand(shop, sku, [{ type: 'StockReceived', data }], 'ReceiveStock', `receiving-${sku.sku}`);
}

export function setThreshold(shop: Shop, sku: Sku, threshold: number): void {
  stockCommand(shop, sku, [{ type: 'LowStockThresholdSet', data: { sku: sku.sku, threshold, at: iso(shop.now) } }], 'SetLowStockThreshold', `stock-${sku.sku}`);
}

/** Stocktaking, breakage and goods coming back: never below what is reserved. */
export function adjustStock(shop: Shop, sku: Sku, delta: number, reason: string, correlationId = `stock-${sku.sku}`): void {
  const allowed = delta < 0 ? -Math.min(-delta, available(sku)) : delta;
  if (allowed === 0) return;
  stockCommand(shop, sku, [{ type: 'StockAdjusted', data: { sku: sku.sku, delta: allowed, reason, at: iso(shop.now) } }], 'AdjustStock', correlationId);
}

export function reserve(shop: Shop, sku: Sku, orderId: string, quantity: number, ttlMs: number): Reservation | undefined {
  if (available(sku) < quantity) return undefined;
  const reservation = { sku, reservationId: shop.random.uuid(), orderId, quantity, expiresAt: shop.now + ttlMs };
  const data = { sku: sku.sku, reservationId: reservation.reservationId, orderId, quantity, at: iso(shop.now), expiresAt: iso(reservation.expiresAt) };
  stockCommand(shop, sku, [{ type: 'StockReserved', data }], 'ReserveStock', orderId);
  return reservation;
}

const ended = (shop: Shop, r: Reservation) => ({ sku: r.sku.sku, reservationId: r.reservationId, orderId: r.orderId, quantity: r.quantity, at: iso(shop.now) });

export function release(shop: Shop, r: Reservation, reason: string): void {
  stockCommand(shop, r.sku, [{ type: 'ReservationReleased', data: { ...ended(shop, r), reason } }], 'ReleaseReservation', r.orderId);
}

export function commit(shop: Shop, r: Reservation): void {
  stockCommand(shop, r.sku, [{ type: 'ReservationCommitted', data: ended(shop, r) }], 'CommitReservation', r.orderId);
}

export function expire(shop: Shop, r: Reservation): void {
  stockCommand(shop, r.sku, [{ type: 'ReservationExpired', data: { ...ended(shop, r), expiresAt: iso(r.expiresAt) } }], 'ExpireReservation', r.orderId);
}
