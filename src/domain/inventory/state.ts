import { assertNever, PMap } from '../shared/index.js';
import type { PersistentMap } from '../shared/index.js';
import type { InventoryEvent } from './events.js';

export interface ActiveReservation {
  readonly reservationId: string;
  readonly orderId: string;
  readonly quantity: number;
  readonly expiresAt: string;
}

export type ReservationEnd = 'released' | 'expired' | 'committed';

/** Kept forever so that a repeated command for the reservation is recognised, and told apart from a conflicting one. */
export interface EndedReservation {
  readonly orderId: string;
  readonly quantity: number;
  readonly endedAs: ReservationEnd;
}

/** Invariants: 0 <= reserved <= onHand, available = onHand - reserved, reserved = sum of active quantities. */
export interface InventoryState {
  readonly onHand: number;
  readonly reserved: number;
  readonly available: number;
  /** `available` at or below this is low stock; 0 means "warn when sold out". */
  readonly lowStockThreshold: number;
  readonly reservations: PersistentMap<ActiveReservation>;
  readonly endedReservations: PersistentMap<EndedReservation>;
}

export const initialState = (): InventoryState => ({
  onHand: 0,
  reserved: 0,
  available: 0,
  lowStockThreshold: 0,
  reservations: PMap.empty(),
  endedReservations: PMap.empty(),
});

export const activeReservation = (state: InventoryState, reservationId: string): ActiveReservation | undefined =>
  PMap.get(state.reservations, reservationId);

export const endedReservation = (state: InventoryState, reservationId: string): EndedReservation | undefined =>
  PMap.get(state.endedReservations, reservationId);

export const activeReservations = (state: InventoryState): ActiveReservation[] => [...PMap.values(state.reservations)];

export const isLowStock = (state: InventoryState): boolean => state.available <= state.lowStockThreshold;

function withStock(state: InventoryState, onHand: number, reserved: number): InventoryState {
  return { ...state, onHand, reserved, available: onHand - reserved };
}

/** The reservation's quantity comes from the state, which holds it, so the counters can never drift from the map. */
function endReservation(state: InventoryState, reservationId: string, endedAs: ReservationEnd): InventoryState {
  const reservation = activeReservation(state, reservationId);
  if (reservation === undefined) return state;
  const sold = endedAs === 'committed' ? reservation.quantity : 0;
  const ended = { orderId: reservation.orderId, quantity: reservation.quantity, endedAs };
  return {
    ...withStock(state, state.onHand - sold, state.reserved - reservation.quantity),
    reservations: PMap.remove(state.reservations, reservationId),
    endedReservations: PMap.set(state.endedReservations, reservationId, ended),
  };
}

export function evolve(state: InventoryState, event: InventoryEvent): InventoryState {
  switch (event.type) {
    case 'StockReceived':
      return withStock(state, state.onHand + event.data.quantity, state.reserved);
    case 'StockAdjusted':
      return withStock(state, state.onHand + event.data.delta, state.reserved);
    case 'LowStockThresholdSet':
      return { ...state, lowStockThreshold: event.data.threshold };
    case 'StockReserved': {
      const { reservationId, orderId, quantity, expiresAt } = event.data;
      if (PMap.has(state.reservations, reservationId) || PMap.has(state.endedReservations, reservationId)) return state;
      return {
        ...withStock(state, state.onHand, state.reserved + quantity),
        reservations: PMap.set(state.reservations, reservationId, { reservationId, orderId, quantity, expiresAt }),
      };
    }
    case 'ReservationReleased':
      return endReservation(state, event.data.reservationId, 'released');
    case 'ReservationExpired':
      return endReservation(state, event.data.reservationId, 'expired');
    case 'ReservationCommitted':
      return endReservation(state, event.data.reservationId, 'committed');
    case 'LowStockDetected':
      return state;
    default:
      return assertNever(event);
  }
}
