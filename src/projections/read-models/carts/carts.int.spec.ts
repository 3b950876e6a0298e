import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlStores } from '../../../../test/support/stores.js';
import type { CartCommand } from '../../../domain/cart/index.js';
import { addCartItem, hours, openCart, usd } from '../testing/commands.fixtures.js';
import { context, ok, openReadModelTestKit, type ReadModelTestKit } from '../testing/read-model-test-kit.js';
import { cartsProjection } from './carts-projection.js';
import { getCart, listCustomerOpenCarts } from './carts-queries.js';

describe.each(sqlStores)('carts on $name', ({ open }) => {
  let kit: ReadModelTestKit;
  const send = (command: CartCommand) => ok(kit.commands.cart.send(command, context()));

  beforeAll(async () => {
    kit = await openReadModelTestKit(open, [cartsProjection]);
  });
  afterAll(() => kit?.dispose());

  it('keeps lines, subtotal, coupon and activity as the shopper changes the cart', async () => {
    await send(openCart('c-1', 'cust-1', hours(0)));
    await send(addCartItem('c-1', 'A', 1, usd(500), hours(1)));
    await send(addCartItem('c-1', 'B', 2, usd(250), hours(2)));
    await send(addCartItem('c-1', 'A', 2, usd(450), hours(3)));
    await send({ type: 'ChangeCartItemQuantity', data: { cartId: 'c-1', sku: 'B', quantity: 4, at: hours(4) } });
    await send({ type: 'ApplyCoupon', data: { cartId: 'c-1', code: 'SAVE10', at: hours(5) } });
    await kit.settle();

    expect(await getCart(kit.db, 'c-1')).toEqual({
      cartId: 'c-1',
      status: 'OPEN',
      owner: { kind: 'customer', customerId: 'cust-1' },
      customerId: 'cust-1',
      currency: 'USD',
      lines: [
        { sku: 'A', productId: 'product-of-A', quantity: 3, unitPrice: usd(450), lineTotal: usd(1350) },
        { sku: 'B', productId: 'product-of-B', quantity: 4, unitPrice: usd(250), lineTotal: usd(1000) },
      ],
      itemCount: 7,
      subtotal: usd(2350),
      couponCode: 'SAVE10',
      orderId: null,
      mergedInto: null,
      openedAt: hours(0),
      lastActivityAt: hours(5),
      closedAt: null,
    });
    expect(await listCustomerOpenCarts(kit.db, 'cust-1')).toHaveLength(1);
  });

  it('merges a guest cart into the customer cart and checks it out', async () => {
    await send(openCart('guest-1', null, hours(0)));
    await send(addCartItem('guest-1', 'G', 1, usd(100), hours(1)));
    await send(openCart('c-2', 'cust-2', hours(1)));
    await send(addCartItem('c-2', 'G', 1, usd(100), hours(1)));
    await send({ type: 'AbandonForMerge', data: { cartId: 'guest-1', targetCartId: 'c-2', at: hours(2) } });
    await send({ type: 'MergeGuestCart', data: { cartId: 'c-2', sourceCartId: 'guest-1', lines: [{ sku: 'G', productId: 'product-of-G', quantity: 1, unitPrice: usd(100) }], at: hours(2) } });
    await send({ type: 'RemoveCartItem', data: { cartId: 'c-2', sku: 'G', at: hours(3) } });
    await send(addCartItem('c-2', 'H', 1, usd(900), hours(3)));
    await send({ type: 'CheckOutCart', data: { cartId: 'c-2', orderId: 'order-9', at: hours(4) } });
    await kit.settle();

    expect(await getCart(kit.db, 'guest-1')).toMatchObject({ status: 'MERGED', mergedInto: 'c-2', closedAt: hours(2), customerId: null });
    expect(await getCart(kit.db, 'c-2')).toMatchObject({
      status: 'CHECKED_OUT',
      orderId: 'order-9',
      closedAt: hours(4),
      lines: [{ sku: 'H', quantity: 1 }],
      subtotal: usd(900),
    });
    expect(await listCustomerOpenCarts(kit.db, 'cust-2')).toEqual([]);
    expect(await getCart(kit.db, 'missing')).toBeUndefined();
  });

  it('shows an idle cart as expired', async () => {
    await send(openCart('c-idle', null, hours(0)));
    await send({ type: 'ExpireCart', data: { cartId: 'c-idle', at: hours(24 * 8) } });
    await kit.settle();
    expect(await getCart(kit.db, 'c-idle')).toMatchObject({ status: 'EXPIRED', closedAt: hours(24 * 8) });
  });
});
