import { checkoutIds } from '../commands/checkout/checkout-ids.js';
import { activeReservations, inventoryStreamName } from '../domain/inventory/index.js';
import { orderStreamName } from '../domain/order/index.js';
import { paymentStreamName } from '../domain/payment/index.js';
import type { PlannedOrder } from './demo-plan.js';
import { forEachLimited, SeedError } from './seed-support.js';
import type { SeedTarget } from './seed-target.js';

/*
 * Waiting for the system's background work (checkout saga, payment jobs, after-sale saga) by what it
 * produces, not by how it is wired: sagas and job queues change, "every order settled, every
 * reservation ended, every shipped order's payment captured" does not. The seed ends with nothing
 * in flight, so a re-run (or a test counting events) sees a still store.
 */

/** The saga and the payment workers settle a few hundred orders in seconds; this only bounds a system that does not run them. */
const TIMEOUT_MS = 180_000;
const POLL_MS = 250;
const CONCURRENCY = 16;

/** Checks the items not yet done, fewer on every pass, until all are; `onDone` hears how many finished per pass. */
async function pollUntilDone<T>(items: readonly T[], isDone: (item: T) => Promise<boolean>, what: string, onDone: (count: number) => void = () => undefined): Promise<void> {
  const deadline = Date.now() + TIMEOUT_MS;
  let pending = items;
  for (;;) {
    const still: T[] = [];
    await forEachLimited(pending, CONCURRENCY, async (item) => {
      if (!(await isDone(item))) still.push(item);
    });
    onDone(pending.length - still.length);
    if (still.length === 0) return;
    if (Date.now() > deadline) throw new SeedError(`${still.length} ${what} after ${TIMEOUT_MS / 1000} s: are the sagas and job workers running (a worker role)?`);
    pending = still;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Every order confirmed or rejected, and every reservation its checkout made committed or released. */
export async function waitUntilCheckedOut(target: SeedTarget, orders: readonly PlannedOrder[], onSettled: (count: number) => void): Promise<void> {
  await pollUntilDone(
    orders.map((o) => o.orderId),
    async (orderId) => (await target.commands.order.read(orderStreamName(orderId))).state.status !== 'PENDING',
    'seeded orders are still PENDING',
    onSettled,
  );
  const seeded = new Set(orders.map((o) => o.orderId));
  const skus = [...new Set(orders.flatMap((o) => o.lines.map((l) => l.sku)))];
  await pollUntilDone(
    skus,
    async (sku) => !activeReservations((await target.commands.inventory.read(inventoryStreamName(sku))).state).some((r) => seeded.has(r.orderId)),
    'SKUs still hold reservations of seeded orders',
  );
}

/** The payment of every shipped order captured (the after-sale saga's work, through the payment jobs). */
export async function waitUntilCaptured(target: SeedTarget, shipped: readonly PlannedOrder[]): Promise<void> {
  await pollUntilDone(
    shipped,
    async ({ orderId }) => {
      const { state } = await target.commands.payment.read(paymentStreamName(checkoutIds.paymentId(orderId)));
      return state.status !== 'NONE' && state.status !== 'AUTHORIZATION_REQUESTED' && state.status !== 'AUTHORIZED';
    },
    'shipped orders are not captured yet',
  );
}
