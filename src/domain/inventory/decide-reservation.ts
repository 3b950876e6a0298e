import { domainError, instant } from '../shared/index.js';
import type { CommitReservation, ExpireReservation, ReleaseReservation, ReserveStock } from './commands.js';
import { isPositiveQuantity } from './decide-stock.js';
import type { InventoryEvent } from './events.js';
import type { InventoryError } from './errors.js';
import { activeReservation, endedReservation } from './state.js';
import type { ActiveReservation, InventoryState } from './state.js';

type Outcome = readonly InventoryEvent[] | InventoryError;

const notFound = (reservationId: string): InventoryError =>
  domainError('RESERVATION_NOT_FOUND', `no reservation ${reservationId} for this SKU`, { reservationId });

export function reserveStock({ data }: ReserveStock, state: InventoryState): Outcome {
  const { reservationId, orderId, quantity } = data;
  // A repeat (redelivered saga step) is a no-op even if the stock has gone since, but the same id
  // with another order or quantity is a bug upstream: answering [] would let it ship unreserved goods.
  const earlier = activeReservation(state, reservationId) ?? endedReservation(state, reservationId);
  if (earlier !== undefined) {
    if (earlier.orderId === orderId && earlier.quantity === quantity) return [];
    return domainError('RESERVATION_CONFLICT', `reservation ${reservationId} already exists with other terms`, {
      reservationId,
      existing: { orderId: earlier.orderId, quantity: earlier.quantity },
      requested: { orderId, quantity },
    });
  }
  if (!isPositiveQuantity(quantity)) {
    return domainError('INVALID_QUANTITY', 'quantity must be a positive safe integer', { quantity });
  }
  if (!(instant(data.expiresAt) > instant(data.at))) {
    return domainError('INVALID_EXPIRY', 'a reservation must expire after it is made', {
      at: data.at,
      expiresAt: data.expiresAt,
    });
  }
  if (quantity > state.available) {
    return domainError('INSUFFICIENT_STOCK', `only ${state.available} available`, {
      requested: quantity,
      available: state.available,
    });
  }
  return [
    { type: 'StockReserved', data: { sku: data.sku, reservationId, orderId, quantity, expiresAt: data.expiresAt, at: data.at } },
  ];
}

const endedFields = (sku: string, reservation: ActiveReservation, at: string) => ({
  sku,
  reservationId: reservation.reservationId,
  orderId: reservation.orderId,
  quantity: reservation.quantity,
  at,
});

export function releaseReservation({ data }: ReleaseReservation, state: InventoryState): Outcome {
  const reservation = activeReservation(state, data.reservationId);
  if (reservation === undefined) return endedReservation(state, data.reservationId) ? [] : notFound(data.reservationId);
  return [{ type: 'ReservationReleased', data: { ...endedFields(data.sku, reservation, data.at), reason: data.reason } }];
}

export function expireReservation({ data }: ExpireReservation, state: InventoryState): Outcome {
  const reservation = activeReservation(state, data.reservationId);
  if (reservation === undefined) return endedReservation(state, data.reservationId) ? [] : notFound(data.reservationId);
  if (!(instant(data.at) >= instant(reservation.expiresAt))) {
    return domainError(
      'RESERVATION_NOT_EXPIRED',
      `reservation ${reservation.reservationId} expires at ${reservation.expiresAt}`,
      {
        reservationId: reservation.reservationId,
        expiresAt: reservation.expiresAt,
        at: data.at,
      },
    );
  }
  return [
    { type: 'ReservationExpired', data: { ...endedFields(data.sku, reservation, data.at), expiresAt: reservation.expiresAt } },
  ];
}

/** A reservation past its expiry but not yet expired by the worker still holds its stock, so it may be committed. */
export function commitReservation({ data }: CommitReservation, state: InventoryState): Outcome {
  const reservation = activeReservation(state, data.reservationId);
  if (reservation !== undefined) return [{ type: 'ReservationCommitted', data: endedFields(data.sku, reservation, data.at) }];
  const ended = endedReservation(state, data.reservationId);
  if (ended === undefined) return notFound(data.reservationId);
  if (ended.endedAs === 'committed') return [];
  return domainError('RESERVATION_ENDED', `reservation ${data.reservationId} was ${ended.endedAs}; its stock is no longer held`, {
    reservationId: data.reservationId,
    endedAs: ended.endedAs,
  });
}
