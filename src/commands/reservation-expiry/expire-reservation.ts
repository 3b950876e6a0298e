import type { CommandHandlers } from '../command-handlers.js';

/**
 * One command id per reservation: the delayed job and the sweep expiring it together append once.
 * A reservation id is unique within its SKU's stream only, and event ids derive from the command
 * id across the whole store, so the SKU is part of it.
 */
export const expiryCommandId = (sku: string, reservationId: string) => `reservation/${sku}/${reservationId}/expire`;

export type ExpiryOutcome = 'expired' | 'already-ended' | 'not-due' | 'not-found';

/**
 * Expires one reservation if it is still held at `now`. Idempotent: a reservation that was
 * committed, released or already expired is left as it is. `not-due` means the deadline is still
 * ahead by the inventory's reckoning (the job ran early, or the clock of whoever scheduled it is off).
 */
export async function expireReservation(
  deps: { readonly commands: CommandHandlers; readonly now: () => Date },
  reservation: { readonly sku: string; readonly reservationId: string },
): Promise<ExpiryOutcome> {
  const result = await deps.commands.inventory.send(
    { type: 'ExpireReservation', data: { sku: reservation.sku, reservationId: reservation.reservationId, at: deps.now().toISOString() } },
    { commandId: expiryCommandId(reservation.sku, reservation.reservationId) },
  );
  if (result.ok) return result.events.length > 0 ? 'expired' : 'already-ended';
  switch (result.error.code) {
    case 'RESERVATION_NOT_EXPIRED':
      return 'not-due';
    case 'RESERVATION_NOT_FOUND':
      return 'not-found';
    default:
      throw new Error(`expiring reservation ${reservation.reservationId} of ${reservation.sku} refused: ${result.error.code}`);
  }
}
