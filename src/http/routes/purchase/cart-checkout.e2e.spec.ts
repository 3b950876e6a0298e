import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCommandHandlers, type CommandHandlers } from '../../../commands/command-handlers.js';
import { uuidFromName } from '../../../commands/event-ids.js';
import { orderStreamName } from '../../../domain/order/index.js';
import { startTestApp, type TestApp } from '../../testing/http-harness.js';
import { approveToken, cartWith, checkoutBody, expectProblem, seedProduct, send } from './purchase.fixtures.js';

/**
 * Checkout decides from this process's cached view of the cart and the products' sellers (no read
 * in the usual case). These specs make another process's writes — a second set of command handlers
 * on the same store, with caches of their own — land behind that view's back.
 */
describe('checkout from a cached view of the cart', () => {
  let t: TestApp;
  let elsewhere: CommandHandlers;
  let item: Awaited<ReturnType<typeof seedProduct>>;
  let other: Awaited<ReturnType<typeof seedProduct>>;

  beforeAll(async () => {
    t = await startTestApp();
    elsewhere = createCommandHandlers(t.system.store);
    item = await seedProduct(t, { price: 2500, stock: 50, sellerId: 'seller-a' });
    other = await seedProduct(t, { price: 900, stock: 50, sellerId: 'seller-b' });
  }, 60_000);
  afterAll(async () => t?.close());

  const at = () => new Date().toISOString();
  const checkout = (cartId: string, key?: string) =>
    send(t, 'POST', `/api/v1/carts/${cartId}/checkout`, { body: checkoutBody(approveToken), ...(key ? { key } : {}) });
  const orderOf = async (orderId: string) => (await t.system.commands.order.read(orderStreamName(orderId))).state;
  const ok = (result: { ok: boolean }) => expect(result.ok).toBe(true);

  it('orders what the checkout recorded when another process added an item meanwhile', async () => {
    const cartId = await cartWith(t, item.sku, 1);
    ok(
      await elsewhere.cart.send(
        { type: 'AddCartItem', data: { cartId, sku: other.sku, productId: other.productId, quantity: 2, unitPrice: { amount: 900, currency: 'USD' }, at: at() } },
        { commandId: randomUUID() },
      ),
    );
    const answer = await checkout(cartId);
    expect(answer.statusCode, answer.body).toBe(202);
    const order = await orderOf(answer.json<{ orderId: string }>().orderId);
    expect(order.status).not.toBe('NONE');
    if (order.status === 'NONE') return;
    expect(order.lines.map(({ sku, quantity, sellerId }) => ({ sku, quantity, sellerId }))).toEqual([
      { sku: item.sku, quantity: 1, sellerId: 'seller-a' },
      { sku: other.sku, quantity: 2, sellerId: 'seller-b' },
    ]);
  });

  it('refuses a cart another process checked out meanwhile, and places no order', async () => {
    const cartId = await cartWith(t, item.sku, 1);
    ok(await elsewhere.cart.send({ type: 'CheckOutCart', data: { cartId, orderId: randomUUID(), at: at() } }, { commandId: randomUUID() }));
    const answer = await checkout(cartId, 'taken-elsewhere');
    expectProblem(answer, 409, '/problems/cart-already-checked-out');
    const ours = uuidFromName(`${uuidFromName(`idempotency/anonymous POST /api/v1/carts/${cartId}/checkout/taken-elsewhere`)}/order`);
    expect((await orderOf(ours)).status).toBe('NONE');
  });

  it('refuses a cart another process emptied meanwhile', async () => {
    const cartId = await cartWith(t, item.sku, 1);
    ok(await elsewhere.cart.send({ type: 'RemoveCartItem', data: { cartId, sku: item.sku, at: at() } }, { commandId: randomUUID() }));
    expectProblem(await checkout(cartId), 409, '/problems/cart-empty');
  });

  it('finds a cart another process opened after this one looked it up as missing', async () => {
    const cartId = randomUUID();
    expectProblem(await send(t, 'GET', `/api/v1/carts/${cartId}`), 404, '/problems/cart-not-found');
    ok(await elsewhere.cart.send({ type: 'OpenCart', data: { cartId, owner: { kind: 'guest' }, currency: 'USD', at: at() } }, { commandId: randomUUID() }));
    ok(
      await elsewhere.cart.send(
        { type: 'AddCartItem', data: { cartId, sku: item.sku, productId: item.productId, quantity: 1, unitPrice: { amount: 2500, currency: 'USD' }, at: at() } },
        { commandId: randomUUID() },
      ),
    );
    expect((await checkout(cartId)).statusCode).toBe(202);
  });

  it('resumes a checkout whose cart was checked out before the order was placed (same Idempotency-Key)', async () => {
    const cartId = await cartWith(t, item.sku, 3);
    // Elsewhere the quantity changed, then the first attempt closed the cart for its order and
    // stopped; this process still sees the cart open with 3.
    const commandId = uuidFromName(`idempotency/anonymous POST /api/v1/carts/${cartId}/checkout/resume-1`);
    const orderId = uuidFromName(`${commandId}/order`);
    ok(await elsewhere.cart.send({ type: 'ChangeCartItemQuantity', data: { cartId, sku: item.sku, quantity: 5, at: at() } }, { commandId: randomUUID() }));
    ok(await elsewhere.cart.send({ type: 'CheckOutCart', data: { cartId, orderId, at: at() } }, { commandId: `${commandId}/check-out-cart` }));
    const answer = await checkout(cartId, 'resume-1');
    expect(answer.statusCode, answer.body).toBe(202);
    expect(answer.json()).toMatchObject({ orderId });
    const order = await orderOf(orderId);
    expect(order.status === 'NONE' ? [] : order.lines.map(({ sku, quantity }) => ({ sku, quantity }))).toEqual([{ sku: item.sku, quantity: 5 }]);
  });
});
