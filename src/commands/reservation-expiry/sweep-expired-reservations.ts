import { sql, type Kysely } from 'kysely';
import type { CommandHandlers } from '../command-handlers.js';
import { expiryCommandId } from './expire-reservation.js';

export interface SweepOptions {
  readonly db: Kysely<unknown>;
  readonly commands: CommandHandlers;
  readonly now: () => Date;
  readonly limit?: number;
}

/**
 * Expires every reservation whose deadline has passed, as the `reservation-deadlines` read model
 * lists them. The read model lives in the database, so a restart or a lost timer never leaves stock
 * reserved: the next sweep finds what is overdue. Expiring is idempotent (the command id derives
 * from the reservation), so two sweepers at once are harmless.
 */
export async function sweepExpiredReservations(options: SweepOptions): Promise<{ expired: number }> {
  const now = options.now();
  const overdue = await sql<{ reservation_id: string; sku: string }>`
    SELECT reservation_id, sku FROM reservation_deadlines
    WHERE expires_at <= ${now.toISOString()}::timestamptz
    ORDER BY expires_at LIMIT ${options.limit ?? 1_000}`.execute(options.db);
  let expired = 0;
  await Promise.all(
    overdue.rows.map(async ({ reservation_id: reservationId, sku }) => {
      const result = await options.commands.inventory.send(
        { type: 'ExpireReservation', data: { sku, reservationId, at: now.toISOString() } },
        { commandId: expiryCommandId(sku, reservationId) },
      );
      if (result.ok && result.events.length > 0) expired++;
    }),
  );
  return { expired };
}
