import type { StockReserved } from '../../domain/inventory/index.js';
import type { RecordedEvent } from '../../eventstore/types.js';
import type { ProcessManager } from '../process-managers/process-manager-runner.js';

export interface ExpiryRequest {
  readonly sku: string;
  readonly reservationId: string;
  readonly expiresAt: string;
  /** The StockReserved event's id: one expiry job per reservation, however often the event is seen. */
  readonly eventId: string;
}

export interface ReservationExpirySchedulerOptions {
  readonly now?: () => Date;
  /**
   * Reservations whose deadline passed longer ago than this are left to the sweep instead of
   * getting a job each: on a first start over a long history, the scheduler would otherwise
   * queue a job for every reservation ever made (default one minute).
   */
  readonly overdueGraceMs?: number;
}

/**
 * Schedules each reservation's expiry for its deadline (a delayed job) as soon as it is made. A
 * job lost with a Redis or a process is caught by the periodic sweep over the deadlines read
 * model, so stock is never held forever; the job only makes expiry prompt.
 */
export function createReservationExpiryScheduler(
  schedule: (request: ExpiryRequest) => Promise<void>,
  options: ReservationExpirySchedulerOptions = {},
): ProcessManager {
  const now = options.now ?? (() => new Date());
  const grace = options.overdueGraceMs ?? 60_000;
  return {
    name: 'reservation-expiry-scheduler',
    filter: { categories: ['inventory'], eventTypes: ['StockReserved'] },
    async handle(event: RecordedEvent) {
      const { sku, reservationId, expiresAt } = event.data as StockReserved['data'];
      if (Date.parse(expiresAt) < now().getTime() - grace) return;
      await schedule({ sku, reservationId, expiresAt, eventId: event.id });
    },
  };
}
