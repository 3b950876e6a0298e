import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiveStock, stockOf } from '../../../commands/checkout/checkout.fixtures.js';
import { createReservationExpiryScheduler } from '../../../commands/reservation-expiry/reservation-expiry-scheduler.js';
import { inventoryStreamName } from '../../../domain/inventory/index.js';
import { eventually, stateIs } from '../../contract/job-queue.contract.js';
import { parsePublicJobId } from '../../job-ids.js';
import { openJobTestBed, type JobTestBed } from '../../testing/job-test-bed.js';
import { jobKinds } from '../job-catalogue.js';
import { expireReservationJob } from './reservation-jobs.js';

/** Real Redis (BullMQ) and Postgres: a reservation's expiry is a delayed job at its deadline. */
describe('reservation expiry as a delayed job', () => {
  let bed: JobTestBed;
  const scheduled: string[] = [];
  beforeAll(async () => {
    bed = await openJobTestBed();
    bed.run(createReservationExpiryScheduler(async (request) => void scheduled.push(await bed.producers.expireReservation(request))));
    bed.track(bed.queues.queue(jobKinds.expireReservation.queue).work(expireReservationJob({ commands: bed.commands, db: bed.opened.db }), { concurrency: 4 }));
  });
  afterAll(() => bed?.dispose());

  const reserve = async (sku: string, reservationId: string, ttlMs: number) => {
    const at = new Date();
    const result = await bed.commands.inventory.send(
      { type: 'ReserveStock', data: { sku, reservationId, orderId: randomUUID(), quantity: 2, expiresAt: new Date(at.getTime() + ttlMs).toISOString(), at: at.toISOString() } },
      { commandId: randomUUID() },
    );
    if (!result.ok) throw new Error(result.error.code);
    return at.getTime() + ttlMs;
  };
  const jobOf = async (reservationId: string) => {
    const queue = bed.queues.queue(jobKinds.expireReservation.queue);
    for (const id of scheduled) {
      const job = await queue.get(parsePublicJobId(id)!.id);
      if ((job?.data as { reservationId?: string } | undefined)?.reservationId === reservationId) return job;
    }
    return undefined;
  };

  it('fires at the deadline and gives the stock back; a reservation committed in time is left alone', async () => {
    const sku = `SKU-${randomUUID().slice(0, 8)}`;
    await receiveStock(bed.commands, sku, 10);
    const deadline = await reserve(sku, 'abandoned', 1_500);
    await reserve(sku, 'paid', 1_500);
    const committed = await bed.commands.inventory.send({ type: 'CommitReservation', data: { sku, reservationId: 'paid', at: new Date().toISOString() } }, { commandId: randomUUID() });
    expect(committed.ok).toBe(true);

    // Scheduled as soon as the reservation is seen, delayed until its deadline.
    const pending = await eventually(() => jobOf('abandoned'));
    expect(pending.state).toBe('delayed');
    expect(await stockOf(bed.commands, sku)).toMatchObject({ onHand: 8, reserved: 2, available: 6 });

    const queue = bed.queues.queue(jobKinds.expireReservation.queue);
    const expired = await eventually(stateIs(queue, pending.id, 'completed'));
    const ended = await eventually(stateIs(queue, (await jobOf('paid'))!.id, 'completed'));
    expect(expired.result).toEqual({ outcome: 'expired' });
    expect(ended.result).toEqual({ outcome: 'already-ended' });
    expect(await stockOf(bed.commands, sku)).toMatchObject({ onHand: 8, reserved: 0, available: 8 });

    const events = await bed.opened.store.readStream(inventoryStreamName(sku));
    const expiry = events.find((event) => event.type === 'ReservationExpired');
    expect(expiry?.data).toMatchObject({ reservationId: 'abandoned' });
    // Not before its time (a lower bound on when, not a measure of speed).
    expect(Date.parse((expiry!.data as { at: string }).at)).toBeGreaterThanOrEqual(deadline);
  });
});
