import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { CommandHandlers } from '../../../commands/command-handlers.js';
import { expireReservation } from '../../../commands/reservation-expiry/expire-reservation.js';
import { sweepExpiredReservations } from '../../../commands/reservation-expiry/sweep-expired-reservations.js';
import type { JobHandler } from '../../job-queue.js';

export interface ReservationJobDeps {
  readonly commands: CommandHandlers;
  readonly db: Kysely<unknown>;
  readonly now?: () => Date;
}

const expireData = z.object({ sku: z.string().min(1), reservationId: z.string().min(1) });

export class ReservationNotDueError extends Error {
  override readonly name = 'ReservationNotDueError';
}

/**
 * Expires one reservation at its deadline. A reservation that ended meanwhile (the order was
 * confirmed or rejected) is left alone; one the inventory says is not due yet (the job ran a
 * little early by the inventory's clock) fails the attempt so that the backoff brings it back.
 */
export function expireReservationJob(deps: ReservationJobDeps): JobHandler {
  const now = deps.now ?? (() => new Date());
  return async (job) => {
    const reservation = expireData.parse(job.data);
    const outcome = await expireReservation({ commands: deps.commands, now }, reservation);
    if (outcome === 'not-due') throw new ReservationNotDueError(`reservation ${reservation.reservationId} is not due yet`);
    return { outcome };
  };
}

/** Postgres's undefined_table: the read model's view does not exist yet. */
const UNDEFINED_TABLE = '42P01';

/**
 * The periodic safety net: expires whatever the deadlines read model says is overdue. Right after
 * a first start the read model may not exist yet; that is nothing to retry or report.
 */
export function sweepReservationsJob(deps: ReservationJobDeps): JobHandler {
  const now = deps.now ?? (() => new Date());
  return async () => {
    try {
      return await sweepExpiredReservations({ db: deps.db, commands: deps.commands, now });
    } catch (error) {
      if ((error as { code?: unknown }).code === UNDEFINED_TABLE) return { expired: 0, skipped: 'the reservation deadlines read model is not built yet' };
      throw error;
    }
  };
}
