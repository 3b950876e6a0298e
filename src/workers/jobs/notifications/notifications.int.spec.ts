import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../../commands/command-context.js';
import { productCatalogProjection } from '../../../projections/read-models/product-catalog/product-catalog-projection.js';
import { createProduct } from '../../../projections/read-models/testing/commands.fixtures.js';
import { runSqlProjection, type RunningProjection } from '../../../projections/runner/run-sql-projection.js';
import { eventually } from '../../contract/job-queue.contract.js';
import { createOutboxMailer } from '../../mailer/outbox/outbox-mailer.js';
import { listOutbox } from '../../mailer/outbox/outbox-queries.js';
import { openJobTestBed, type JobTestBed } from '../../testing/job-test-bed.js';
import { jobKinds } from '../job-catalogue.js';
import { createOutboxErasure } from '../../mailer/outbox/outbox-erasure.js';
import { createNotificationDispatcher } from './notification-dispatcher.js';
import { sendNotificationJob } from './send-notification-job.js';

/** Events → send-notification jobs (BullMQ) → the outbox table (no SMTP_URL), on Postgres. */
describe('notifications', () => {
  let bed: JobTestBed;
  let catalog: RunningProjection;
  const at = new Date().toISOString();
  const context = (): CommandContext => ({ commandId: randomUUID() });

  beforeAll(async () => {
    bed = await openJobTestBed({ sendNotification: { backoffMs: 20 } });
    const { commands, opened } = bed;
    catalog = runSqlProjection(productCatalogProjection, { store: opened.store, db: opened.db });
    bed.run(createNotificationDispatcher(bed.producers.sendNotification));
    bed.run(createOutboxErasure(bed.opened.db));
    bed.track(bed.queues.queue(jobKinds.sendNotification.queue).work(sendNotificationJob({ commands, db: opened.db, mailer: createOutboxMailer(opened.db) })));
  });
  afterAll(async () => {
    await catalog?.stop();
    await bed?.dispose();
  });

  const ok = <T extends { readonly ok: true } | { readonly ok: false; readonly error: { readonly code: string } }>(result: T): Extract<T, { ok: true }> => {
    if (!result.ok) throw new Error((result as { error: { code: string } }).error.code);
    return result as Extract<T, { ok: true }>;
  };

  it('mails the guest when the order is confirmed and shipped, and the seller when stock runs low', async () => {
    const { commands } = bed;
    const sellerId = randomUUID();
    ok(await commands.customer.send(
      { type: 'RegisterCustomer', data: { customerId: sellerId, email: 'seller@example.com', emailHash: 'a'.repeat(64), name: 'Sam Seller', passwordHash: '$argon2id$test', roles: ['seller'], at } },
      context(),
    ));
    const productId = `p-${randomUUID().slice(0, 8)}`;
    const sku = `${productId}-SKU`;
    const created = ok(await commands.product.send(createProduct(productId, { sellerId }), context()));
    // The seller of a SKU comes from the catalog read model.
    expect(await catalog.waitFor(created.position!, 20_000)).toBe(true);

    ok(await commands.inventory.send({ type: 'SetLowStockThreshold', data: { sku, threshold: 3, at } }, context()));
    ok(await commands.inventory.send({ type: 'ReceiveStock', data: { sku, warehouseId: 'main', quantity: 5, at } }, context()));
    const orderId = randomUUID();
    ok(await commands.order.send(
      {
        type: 'PlaceOrder',
        data: {
          orderId,
          customerId: null,
          guestEmail: 'guest@example.com',
          cartId: null,
          lines: [{ sku, productId, sellerId, quantity: 3, unitPrice: { amount: 1000, currency: 'USD' } }],
          couponCode: null,
          discount: { amount: 0, currency: 'USD' },
          shippingAddress: { name: 'Grace Guest', line1: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'US' },
          shippingOption: 'standard',
          paymentToken: 'tok_sandbox_approve',
          cardLast4: '4242',
          at,
        },
      },
      context(),
    ));
    ok(await commands.inventory.send(
      { type: 'ReserveStock', data: { sku, reservationId: `r-${orderId}`, orderId, quantity: 3, expiresAt: new Date(Date.now() + 60_000).toISOString(), at } },
      context(),
    ));
    ok(await commands.order.send({ type: 'ConfirmOrder', data: { orderId, paymentId: randomUUID(), at } }, context()));
    ok(await commands.order.send({ type: 'StartProcessing', data: { orderId, at } }, context()));
    ok(await commands.order.send({ type: 'ShipOrder', data: { orderId, carrier: 'UPS', trackingNumber: '1Z999', at } }, context()));

    const all = await eventually(async () => {
      const page = await listOutbox(bed.opened.db, { limit: 10 });
      return page.items.length >= 3 ? page.items : undefined;
    });
    const byKind = new Map(all.map((message) => [message.kind, message]));
    expect([...byKind.keys()].sort()).toEqual(['low-stock', 'order-confirmed', 'order-shipped']);
    expect(byKind.get('order-confirmed')).toMatchObject({ to: 'guest@example.com', subject: `Your order ${orderId.slice(0, 8)} is confirmed` });
    expect(byKind.get('order-confirmed')!.text).toContain('Total: $');
    expect(byKind.get('order-shipped')).toMatchObject({ to: 'guest@example.com' });
    expect(byKind.get('order-shipped')!.text).toContain('1Z999');
    expect(byKind.get('low-stock')).toMatchObject({ to: 'seller@example.com', subject: `Low stock: ${sku}` });

    // Newest first, in pages that neither skip nor repeat.
    const first = await listOutbox(bed.opened.db, { limit: 2 });
    const second = await listOutbox(bed.opened.db, { limit: 2, cursor: first.nextCursor! });
    expect([...first.items, ...second.items].map((m) => m.id)).toEqual(all.map((m) => m.id));
    expect(second.nextCursor).toBeNull();

    // Erasing the seller deletes the mail kept for them (it holds their address in clear); the guest's stays.
    ok(await commands.customer.send({ type: 'EraseCustomer', data: { customerId: sellerId, at } }, context()));
    const left = await eventually(async () => {
      const page = await listOutbox(bed.opened.db, { limit: 10 });
      return page.items.some((m) => m.kind === 'low-stock') ? undefined : page.items;
    });
    expect(left.map((m) => m.kind).sort()).toEqual(['order-confirmed', 'order-shipped']);
  });

  it('writes a message once, however often it is sent', async () => {
    const mailer = createOutboxMailer(bed.opened.db);
    const message = { id: `notification-${randomUUID()}`, kind: 'order-confirmed', to: 'again@example.com', subject: 'Twice', text: 'Sent twice' };
    await mailer.send(message);
    await mailer.send(message);
    const { items } = await listOutbox(bed.opened.db, { limit: 100 });
    expect(items.filter((m) => m.id === message.id)).toHaveLength(1);
  });
});
