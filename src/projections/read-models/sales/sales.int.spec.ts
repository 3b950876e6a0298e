import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlStores } from '../../../../test/support/stores.js';
import type { OrderCommand } from '../../../domain/order/index.js';
import { categoryTreeProjection } from '../category-tree/category-tree-projection.js';
import { createCategory, createProduct, eur, hours, placeOrder, usd, type OrderLineSpec } from '../testing/commands.fixtures.js';
import { context, ok, openReadModelTestKit, type ReadModelTestKit } from '../testing/read-model-test-kit.js';
import { salesProjection } from './sales-projection.js';
import { bestSellers, sellerSales } from './sales-queries.js';

const line = (productId: string, sellerId: string, quantity: number, amount: number): OrderLineSpec => ({
  sku: `${productId}-SKU`,
  productId,
  sellerId,
  quantity,
  unitPrice: usd(amount),
});

describe.each(sqlStores)('seller sales and best sellers on $name', ({ open }) => {
  let kit: ReadModelTestKit;
  const send = (command: OrderCommand) => ok(kit.commands.order.send(command, context()));
  const confirm = (orderId: string, h: number) => send({ type: 'ConfirmOrder', data: { orderId, paymentId: `pay-${orderId}`, at: hours(h) } });
  const step = (orderId: string, type: 'StartProcessing' | 'DeliverOrder' | 'ApproveReturn' | 'ReceiveReturn', h: number) =>
    send({ type, data: { orderId, at: hours(h) } } as OrderCommand);

  beforeAll(async () => {
    kit = await openReadModelTestKit(open, [salesProjection, categoryTreeProjection]);
    await ok(kit.commands.category.send(createCategory('home', 'Home', null), context()));
    await ok(kit.commands.category.send(createCategory('kitchen', 'Kitchen', 'home'), context()));
    await ok(kit.commands.category.send(createCategory('toys', 'Toys', null), context()));
    for (const [productId, categoryId] of [['kettle', 'kitchen'], ['pan', 'kitchen'], ['lamp', 'home'], ['robot', 'toys']]) {
      await ok(kit.commands.product.send(createProduct(productId!, { categoryId: categoryId! }), context()));
    }
  });
  afterAll(() => kit?.dispose());

  it('books confirmed orders per seller and day, net of cancellations and returns', async () => {
    // Day 1 (hours 0-23): two confirmed orders, one cancelled later; one never confirmed.
    await send(placeOrder('s-1', 'cust-1', [line('kettle', 'seller-a', 2, 3000), line('robot', 'seller-b', 1, 5000)], hours(1)));
    await confirm('s-1', 2);
    await send(placeOrder('s-2', 'cust-2', [line('kettle', 'seller-a', 1, 3000)], hours(3)));
    await confirm('s-2', 4);
    await send(placeOrder('s-3', 'cust-3', [line('pan', 'seller-a', 5, 1000)], hours(5)));
    await confirm('s-3', 6);
    await send({ type: 'CancelOrder', data: { orderId: 's-3', reason: 'oops', by: 'customer', at: hours(30) } });
    await send(placeOrder('s-4', 'cust-4', [line('lamp', 'seller-a', 9, 100)], hours(7)));
    // Day 2: one order, one of its two kettles comes back.
    await send(placeOrder('s-5', 'cust-5', [line('kettle', 'seller-a', 2, 2500)], hours(26)));
    await confirm('s-5', 27);
    await step('s-5', 'StartProcessing', 28);
    await send({ type: 'ShipOrder', data: { orderId: 's-5', carrier: 'DHL', trackingNumber: 'T', at: hours(29) } });
    await step('s-5', 'DeliverOrder', 40);
    await send({ type: 'RequestReturn', data: { orderId: 's-5', lines: [{ sku: 'kettle-SKU', quantity: 1 }], reason: 'dented', at: hours(50) } });
    await step('s-5', 'ApproveReturn', 51);
    await step('s-5', 'ReceiveReturn', 52);
    await kit.settle();

    expect(await sellerSales(kit.db, 'seller-a')).toEqual([
      { day: '2026-03-02', orders: 2, units: 3, revenue: usd(9000) },
      { day: '2026-03-03', orders: 1, units: 1, revenue: usd(2500) },
    ]);
    expect(await sellerSales(kit.db, 'seller-a', { from: '2026-03-03', to: '2026-03-03' })).toEqual([
      { day: '2026-03-03', orders: 1, units: 1, revenue: usd(2500) },
    ]);
    expect(await sellerSales(kit.db, 'seller-b')).toEqual([{ day: '2026-03-02', orders: 1, units: 1, revenue: usd(5000) }]);
    expect(await sellerSales(kit.db, 'nobody')).toEqual([]);
  });

  it('ranks products by units sold, overall and within a category and its descendants', async () => {
    expect(await bestSellers(kit.db)).toEqual([
      { productId: 'kettle', categoryId: 'kitchen', unitsSold: 4, orders: 3, revenue: usd(11500) },
      { productId: 'robot', categoryId: 'toys', unitsSold: 1, orders: 1, revenue: usd(5000) },
    ]);
    expect((await bestSellers(kit.db, { categoryId: 'home' })).map((b) => b.productId)).toEqual(['kettle']);
    expect(await bestSellers(kit.db, { categoryId: 'home', includeDescendants: false })).toEqual([]);
    expect((await bestSellers(kit.db, { limit: 1 })).map((b) => b.productId)).toEqual(['kettle']);
  });

  it('keeps currencies apart', async () => {
    await send(placeOrder('s-eur', 'cust-6', [{ sku: 'robot-SKU', productId: 'robot-eu', sellerId: 'seller-b', quantity: 1, unitPrice: eur(4000) }], hours(3)));
    await confirm('s-eur', 4);
    await kit.settle();
    expect(await sellerSales(kit.db, 'seller-b')).toEqual([
      { day: '2026-03-02', orders: 1, units: 1, revenue: eur(4000) },
      { day: '2026-03-02', orders: 1, units: 1, revenue: usd(5000) },
    ]);
  });
});
