import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlStores } from '../../../../test/support/stores.js';
import type { OrderCommand } from '../../../domain/order/index.js';
import { hours, placeOrder, usd } from '../testing/commands.fixtures.js';
import { context, ok, openReadModelTestKit, type ReadModelTestKit } from '../testing/read-model-test-kit.js';
import { ordersProjection } from './orders-projection.js';
import { getOrder, listCustomerOrders } from './orders-queries.js';

const line = (sku: string, quantity: number, amount: number) => ({ sku, productId: `p-${sku}`, sellerId: 'seller-1', quantity, unitPrice: usd(amount) });

describe.each(sqlStores)('orders on $name', ({ open }) => {
  let kit: ReadModelTestKit;
  const send = (command: OrderCommand) => ok(kit.commands.order.send(command, context()));
  const step = (orderId: string, type: 'StartProcessing' | 'DeliverOrder' | 'CompleteOrder' | 'ApproveReturn' | 'ReceiveReturn', h: number) =>
    send({ type, data: { orderId, at: hours(h) } } as OrderCommand);

  beforeAll(async () => {
    kit = await openReadModelTestKit(open, [ordersProjection]);
  });
  afterAll(() => kit?.dispose());

  it('follows an order from placement through shipment, a return and its refund', async () => {
    await send(placeOrder('o-1', 'cust-1', [line('A', 2, 1500), line('B', 1, 2500)], hours(0)));
    await send({ type: 'ConfirmOrder', data: { orderId: 'o-1', paymentId: 'pay-1', at: hours(1) } });
    await step('o-1', 'StartProcessing', 2);
    await send({ type: 'ShipOrder', data: { orderId: 'o-1', carrier: 'UPS', trackingNumber: '1Z999', at: hours(3) } });
    await step('o-1', 'DeliverOrder', 24);
    await send({ type: 'RequestReturn', data: { orderId: 'o-1', lines: [{ sku: 'A', quantity: 1 }], reason: 'too big', at: hours(48) } });
    await step('o-1', 'ApproveReturn', 49);
    await step('o-1', 'ReceiveReturn', 72);
    await send({ type: 'RecordRefund', data: { orderId: 'o-1', paymentId: 'pay-1', refundId: 'rf-1', amount: usd(1500), at: hours(73) } });
    await kit.settle();

    const order = await getOrder(kit.db, 'o-1');
    expect(order).toMatchObject({
      orderId: 'o-1',
      customerId: 'cust-1',
      status: 'REFUNDED',
      itemCount: 3,
      paymentId: 'pay-1',
      pricing: { subtotal: usd(5500), total: usd(5500), shipping: usd(0) },
      shipment: { carrier: 'UPS', trackingNumber: '1Z999', shippedAt: hours(3), deliveredAt: hours(24) },
      returns: [{ lines: [{ sku: 'A', quantity: 1 }], reason: 'too big', status: 'RECEIVED', resolvedAt: hours(72) }],
      refundRequests: [{ amount: usd(1500), reason: 'RETURN', at: hours(72) }],
      refunds: [{ refundId: 'rf-1', paymentId: 'pay-1', amount: usd(1500), at: hours(73) }],
      refundedTotal: usd(1500),
    });
    expect(order?.statusHistory.map((s) => s.status)).toEqual([
      'PENDING', 'CONFIRMED', 'PROCESSING', 'SHIPPED', 'DELIVERED', 'RETURN_REQUESTED', 'RETURN_APPROVED', 'RETURN_RECEIVED', 'REFUND_PENDING', 'REFUNDED',
    ]);
    expect(JSON.stringify(order)).not.toContain('tok_sandbox');
  });

  it('shows why an order was rejected', async () => {
    await send(placeOrder('o-rej', 'cust-2', [line('C', 1, 100)]));
    await send({ type: 'RejectOrder', data: { orderId: 'o-rej', reason: 'OUT_OF_STOCK', details: 'C sold out', at: hours(1) } });
    await kit.settle();
    expect(await getOrder(kit.db, 'o-rej')).toMatchObject({ status: 'REJECTED', rejection: { reason: 'OUT_OF_STOCK', details: 'C sold out', at: hours(1) } });
  });

  it('goes back to DELIVERED when a return is rejected', async () => {
    await send(placeOrder('o-rr', 'cust-2', [line('D', 1, 100)]));
    await send({ type: 'ConfirmOrder', data: { orderId: 'o-rr', paymentId: 'pay-rr', at: hours(1) } });
    await step('o-rr', 'StartProcessing', 2);
    await send({ type: 'ShipOrder', data: { orderId: 'o-rr', carrier: 'DHL', trackingNumber: 'T-1', at: hours(3) } });
    await step('o-rr', 'DeliverOrder', 4);
    await send({ type: 'RequestReturn', data: { orderId: 'o-rr', lines: [{ sku: 'D', quantity: 1 }], reason: 'meh', at: hours(5) } });
    await send({ type: 'RejectReturn', data: { orderId: 'o-rr', reason: 'used', at: hours(6) } });
    await kit.settle();
    expect(await getOrder(kit.db, 'o-rr')).toMatchObject({ status: 'DELIVERED', returns: [{ status: 'REJECTED', rejectionReason: 'used' }] });
  });

  it("lists a customer's orders newest first, page by page", async () => {
    for (let i = 0; i < 5; i++) await send(placeOrder(`h-${i}`, 'cust-history', [line('E', i + 1, 100)], hours(100 + i)));
    await send({ type: 'CancelOrder', data: { orderId: 'h-4', reason: 'changed mind', by: 'customer', at: hours(110) } });
    await kit.settle();

    const first = await listCustomerOrders(kit.db, 'cust-history', { limit: 2 });
    expect(first.items.map((o) => o.orderId)).toEqual(['h-4', 'h-3']);
    expect(first.items[0]).toMatchObject({ status: 'CANCELLED', placedAt: hours(104), itemCount: 5, lineCount: 1, total: usd(999) });
    const second = await listCustomerOrders(kit.db, 'cust-history', { limit: 2, cursor: first.nextCursor! });
    const third = await listCustomerOrders(kit.db, 'cust-history', { limit: 2, cursor: second.nextCursor! });
    expect([...second.items, ...third.items].map((o) => o.orderId)).toEqual(['h-2', 'h-1', 'h-0']);
    expect(third.nextCursor).toBeNull();
    expect((await listCustomerOrders(kit.db, 'nobody')).items).toEqual([]);
  });
});
