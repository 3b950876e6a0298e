import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCards } from '../../payments/test-cards.js';
import { startTestApp, type TestApp } from '../testing/http-harness.js';
import {
  approveCard,
  approveToken,
  cartWith,
  checkoutBody,
  declineCard,
  defineCoupon,
  expectNothingAppended,
  expectProblem,
  mark,
  seedProduct,
  send,
} from './purchase/purchase.fixtures.js';

interface CartAnswer {
  cartId: string;
  status: string;
  owner: string;
  lines: { sku: string; quantity: number; unitPrice: { amount: number }; lineTotal: { amount: number } }[];
  subtotal: { amount: number; currency: string };
  couponCode: string | null;
  orderId: string | null;
}

describe('cart routes', () => {
  let t: TestApp;
  let alice: { customerId: string; token: string };
  let bob: { token: string };
  let admin: { token: string };
  let item: Awaited<ReturnType<typeof seedProduct>>;

  beforeAll(async () => {
    t = await startTestApp();
    [alice, bob, admin] = await Promise.all([t.account(), t.account(), t.account(['admin'])]);
    item = await seedProduct(t, { price: 2500, stock: 50 });
  }, 60_000);
  afterAll(async () => t?.close());

  const checkout = (cartId: string, body: unknown, options: { token?: string; key?: string; wait?: boolean } = {}) =>
    send(t, 'POST', `/api/v1/carts/${cartId}/checkout${options.wait ? '?wait=true' : ''}`, { body, token: options.token, ...(options.key ? { key: options.key } : {}) });

  it('documents every purchase route in the OpenAPI document', async () => {
    const document = (await t.request({ method: 'GET', url: '/openapi.json' })).json<{ paths: Record<string, Record<string, unknown>> }>();
    const expected: [string, string][] = [
      ['/api/v1/carts', 'post'],
      ['/api/v1/carts/{cartId}', 'get'],
      ['/api/v1/carts/{cartId}/items', 'post'],
      ['/api/v1/carts/{cartId}/items/{sku}', 'put'],
      ['/api/v1/carts/{cartId}/items/{sku}', 'delete'],
      ['/api/v1/carts/{cartId}/coupon', 'post'],
      ['/api/v1/carts/{cartId}/coupon', 'delete'],
      ['/api/v1/carts/{cartId}/checkout', 'post'],
      ['/api/v1/orders', 'post'],
      ['/api/v1/orders/{orderId}', 'get'],
      ['/api/v1/me/orders', 'get'],
      ['/api/v1/orders/{orderId}/cancel', 'put'],
      ['/api/v1/orders/{orderId}/tracking', 'get'],
      ['/api/v1/orders/{orderId}/returns', 'post'],
      ['/api/v1/orders/{orderId}/ship', 'post'],
      ['/api/v1/orders/{orderId}/deliver', 'post'],
      ['/api/v1/payments/{paymentId}', 'get'],
      ['/api/v1/payments/{paymentId}/refund', 'post'],
      ['/api/v1/inventory/{sku}', 'get'],
    ];
    for (const [path, method] of expected) expect(document.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    const checkout = document.paths['/api/v1/carts/{cartId}/checkout']!.post as { responses: Record<string, unknown> };
    expect(Object.keys(checkout.responses)).toEqual(expect.arrayContaining(['200', '202', '400', '404', '409']));
  });

  it('opens a guest cart and a customer cart; a customer cart is its owner’s (and admins’) only', async () => {
    const guest = await send(t, 'POST', '/api/v1/carts');
    expect(guest.statusCode, guest.body).toBe(201);
    const guestCart = (await send(t, 'GET', `/api/v1/carts/${guest.json().cartId}`)).json<CartAnswer>();
    expect(guestCart).toMatchObject({ status: 'OPEN', owner: 'guest', lines: [], subtotal: { amount: 0, currency: 'USD' } });
    // Whoever holds a guest cart's id may use it, signed in or not.
    expect((await send(t, 'GET', `/api/v1/carts/${guest.json().cartId}`, { token: bob.token })).statusCode).toBe(200);

    const mine = await send(t, 'POST', '/api/v1/carts', { token: alice.token, body: { currency: 'USD' } });
    const cartId = mine.json<{ cartId: string }>().cartId;
    expect((await send(t, 'GET', `/api/v1/carts/${cartId}`, { token: alice.token })).json()).toMatchObject({ owner: 'customer' });
    expectProblem(await send(t, 'GET', `/api/v1/carts/${cartId}`, { token: bob.token }), 404, '/problems/cart-not-found');
    expectProblem(await send(t, 'GET', `/api/v1/carts/${cartId}`), 404, '/problems/cart-not-found');
    expect((await send(t, 'GET', `/api/v1/carts/${cartId}`, { token: admin.token })).statusCode).toBe(200);

    const before = await mark(t);
    const stolen = await send(t, 'POST', `/api/v1/carts/${cartId}/items`, { token: bob.token, body: { sku: item.sku, quantity: 1 } });
    expectProblem(stolen, 404);
    await expectNothingAppended(t, before, stolen);
    expectProblem(await send(t, 'GET', '/api/v1/carts/no-such-cart'), 404);
  });

  it('adds items at the product’s price, changes quantities and removes them', async () => {
    const cartId = await cartWith(t, item.sku, 2);
    const again = await send(t, 'POST', `/api/v1/carts/${cartId}/items`, { body: { sku: item.sku, quantity: 1 } });
    expect(again.statusCode).toBe(200);
    expect(again.json<CartAnswer>()).toMatchObject({
      lines: [{ sku: item.sku, quantity: 3, unitPrice: { amount: 2500 }, lineTotal: { amount: 7500 } }],
      subtotal: { amount: 7500 },
    });
    expect(again.json().position).toMatch(/^\d+\.\d+$/);
    const changed = await send(t, 'PUT', `/api/v1/carts/${cartId}/items/${item.sku}`, { body: { quantity: 5 } });
    expect(changed.json<CartAnswer>().lines[0]!.quantity).toBe(5);
    const removed = await send(t, 'DELETE', `/api/v1/carts/${cartId}/items/${item.sku}`);
    expect(removed.json<CartAnswer>()).toMatchObject({ lines: [], subtotal: { amount: 0 } });
    expectProblem(await send(t, 'DELETE', `/api/v1/carts/${cartId}/items/${item.sku}`), 404, '/problems/cart-item-not-found');
    expectProblem(await send(t, 'PUT', `/api/v1/carts/${cartId}/items/${item.sku}`, { body: { quantity: 1 } }), 404, '/problems/cart-item-not-found');
  });

  it('refuses what is not on sale, and malformed input, with 4xx problems and no event', async () => {
    const cartId = await cartWith(t, item.sku, 1);
    const draft = await seedProduct(t, { publish: false });
    const cases: [string, 'POST' | 'PUT', string, { body?: unknown; raw?: string }, number, string?][] = [
      ['unknown sku', 'POST', `/carts/${cartId}/items`, { body: { sku: 'NOPE-1', quantity: 1 } }, 422, '/problems/unknown-sku'],
      ['draft product', 'POST', `/carts/${cartId}/items`, { body: { sku: draft.sku, quantity: 1 } }, 409, '/problems/product-not-available'],
      ['wrong type', 'POST', `/carts/${cartId}/items`, { body: { sku: item.sku, quantity: 'two' } }, 400, '/problems/validation-failed'],
      ['zero quantity', 'POST', `/carts/${cartId}/items`, { body: { sku: item.sku, quantity: 0 } }, 400],
      ['fractional quantity', 'PUT', `/carts/${cartId}/items/${item.sku}`, { body: { quantity: 1.5 } }, 400],
      ['unknown field', 'POST', `/carts/${cartId}/items`, { body: { sku: item.sku, quantity: 1, price: 1 } }, 400],
      ['missing field', 'POST', `/carts/${cartId}/items`, { body: { quantity: 1 } }, 400],
      ['bad JSON', 'POST', `/carts/${cartId}/items`, { raw: '{"sku":' }, 400, '/problems/malformed-json'],
      ['huge body', 'POST', `/carts/${cartId}/items`, { body: { sku: 'x'.repeat(300_000), quantity: 1 } }, 413],
      ['bad sku in path', 'PUT', `/carts/${cartId}/items/${encodeURIComponent('a b')}`, { body: { quantity: 1 } }, 400],
      ['bad currency', 'POST', '/carts', { body: { currency: 'dollars' } }, 400],
      ['unknown cart field', 'POST', '/carts', { body: { currency: 'USD', owner: 'x' } }, 400],
    ];
    for (const [name, method, url, options, status, type] of cases) {
      const before = await mark(t);
      const response = await send(t, method, `/api/v1${url}`, options);
      expect(response.statusCode, name).toBe(status);
      expectProblem(response, status, type);
      await expectNothingAppended(t, before, response);
    }
    expect((await send(t, 'GET', `/api/v1/carts/${cartId}`)).json<CartAnswer>().lines).toHaveLength(1);
  });

  it('applies a coupon that exists and removes it; an unknown one changes nothing', async () => {
    await defineCoupon(t, 'SAVE10', 1000);
    const cartId = await cartWith(t, item.sku, 1);
    const applied = await send(t, 'POST', `/api/v1/carts/${cartId}/coupon`, { body: { code: ' save10 ' } });
    expect(applied.statusCode).toBe(200);
    expect(applied.json<CartAnswer>().couponCode).toBe('SAVE10');
    const before = await mark(t);
    const unknown = await send(t, 'POST', `/api/v1/carts/${cartId}/coupon`, { body: { code: 'NOSUCH' } });
    expectProblem(unknown, 404, '/problems/coupon-not-found');
    await expectNothingAppended(t, before, unknown);
    expectProblem(await send(t, 'POST', `/api/v1/carts/${cartId}/coupon`, { body: { code: '!' } }), 400);
    expect((await send(t, 'DELETE', `/api/v1/carts/${cartId}/coupon`)).json<CartAnswer>().couponCode).toBeNull();
    expectProblem(await send(t, 'DELETE', `/api/v1/carts/${cartId}/coupon`), 409, '/problems/coupon-not-applied');
  });

  it('checks a guest cart out and waits for the saga: CONFIRMED, priced with the coupon, card never stored', async () => {
    const cartId = await cartWith(t, item.sku, 2);
    await send(t, 'POST', `/api/v1/carts/${cartId}/coupon`, { body: { code: 'SAVE10' } });
    const answer = await checkout(cartId, checkoutBody(), { wait: true });
    expect(answer.statusCode, answer.body).toBe(200);
    const { orderId, status } = answer.json<{ orderId: string; status: string }>();
    expect(status).toBe('CONFIRMED');
    expect((await send(t, 'GET', `/api/v1/carts/${cartId}`)).json()).toMatchObject({ status: 'CHECKED_OUT', orderId });
    const order = await send(t, 'GET', `/api/v1/orders/${orderId}`);
    expect(order.json()).toMatchObject({
      status: 'CONFIRMED',
      guestEmail: 'guest@example.com',
      cartId,
      cardLast4: '4242',
      pricing: { subtotal: { amount: 5000 }, discount: { amount: 500 } },
    });
    const everything = JSON.stringify(await t.system.store.readAll({}), (_key, value: unknown) => (typeof value === 'bigint' ? String(value) : value));
    expect(everything).not.toContain(testCards.approve);
  });

  it('answers 202 with the order and its position without ?wait', async () => {
    const cartId = await cartWith(t, item.sku, 1, alice.token);
    const answer = await checkout(cartId, checkoutBody(approveToken, null), { token: alice.token });
    expect(answer.statusCode, answer.body).toBe(202);
    expect(answer.json()).toMatchObject({ orderId: expect.any(String), position: expect.stringMatching(/^\d+\.\d+$/) });
    const { orderId, position } = answer.json<{ orderId: string; position: string }>();
    const order = await send(t, 'GET', `/api/v1/orders/${orderId}?position=${position}`, { token: alice.token });
    expect(order.json()).toMatchObject({ orderId, customerId: alice.customerId, guestEmail: null });
  });

  it('rejects a declined card and an order beyond the stock, with their reasons', async () => {
    const declined = await checkout(await cartWith(t, item.sku, 1), checkoutBody(declineCard), { wait: true });
    expect(declined.json()).toMatchObject({ status: 'REJECTED', reason: 'PAYMENT_DECLINED' });
    const scarce = await seedProduct(t, { stock: 2 });
    const tooMany = await checkout(await cartWith(t, scarce.sku, 3), checkoutBody(), { wait: true });
    expect(tooMany.json()).toMatchObject({ status: 'REJECTED', reason: 'OUT_OF_STOCK' });
    expect((await send(t, 'GET', `/api/v1/inventory/${scarce.sku}`)).json()).toMatchObject({ onHand: 2, reserved: 0 });
  });

  it('replays a checkout with the same Idempotency-Key: same answer, one order', async () => {
    const cartId = await cartWith(t, item.sku, 1);
    const first = await checkout(cartId, checkoutBody(), { key: 'checkout-1', wait: true });
    const again = await checkout(cartId, checkoutBody(), { key: 'checkout-1', wait: true });
    expect(first.statusCode).toBe(200);
    expect(again.statusCode).toBe(200);
    expect(again.body).toBe(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const placed = await t.system.store.readAll({ filter: { categories: ['order'], eventTypes: ['OrderPlaced'] } });
    expect(placed.filter((event) => (event.data as { cartId: string | null }).cartId === cartId)).toHaveLength(1);
    expectProblem(await checkout(cartId, checkoutBody(approveCard, 'other@example.com'), { key: 'checkout-1' }), 422, '/problems/idempotency-key-reused');
    // Without the key it is a second checkout of a closed cart.
    expectProblem(await checkout(cartId, checkoutBody()), 409, '/problems/cart-already-checked-out');
  });

  it('refuses checkouts that cannot be placed, leaving no event and the cart open', async () => {
    const cartId = await cartWith(t, item.sku, 1);
    const empty = (await send(t, 'POST', '/api/v1/carts')).json<{ cartId: string }>().cartId;
    const mine = await cartWith(t, item.sku, 1, alice.token);
    const badCard = { ...approveCard, cardNumber: '4242424242424241' };
    const cases: [string, string, unknown, number, string | undefined, string?][] = [
      ['guest without email', cartId, checkoutBody(approveCard, null), 400, undefined, '/problems/validation-failed'],
      ['invalid card number', cartId, checkoutBody(badCard), 422, undefined, '/problems/card-rejected'],
      ['card number as a token', cartId, checkoutBody({ token: testCards.approve }), 400, undefined],
      ['unknown payment field', cartId, checkoutBody({ ...approveToken, cvc: '123' }), 400, undefined],
      ['bad country', cartId, { ...checkoutBody(), shippingAddress: { ...checkoutBody().shippingAddress, country: 'usa' } }, 400, undefined],
      ['bad shipping option', cartId, { ...checkoutBody(), shippingOption: 'teleport' }, 400, undefined],
      ['unknown field', cartId, { ...checkoutBody(), discount: 100 }, 400, undefined],
      ['bad email', cartId, checkoutBody(approveCard, 'not-an-email'), 400, undefined],
      ['empty cart', empty, checkoutBody(), 409, undefined, '/problems/cart-empty'],
      ['someone else’s cart', mine, checkoutBody(), 404, bob.token, '/problems/cart-not-found'],
      ['anonymous on a customer cart', mine, checkoutBody(), 404, undefined, '/problems/cart-not-found'],
    ];
    for (const [name, id, body, status, token, type] of cases) {
      const before = await mark(t);
      const response = await checkout(id, body, { ...(token ? { token } : {}), wait: true });
      expect(response.statusCode, `${name}: ${response.body}`).toBe(status);
      expectProblem(response, status, type);
      expect(response.body).not.toContain('4242424242424241');
      await expectNothingAppended(t, before, response);
    }
    expect((await send(t, 'GET', `/api/v1/carts/${cartId}`)).json()).toMatchObject({ status: 'OPEN' });
    // The owner, signed in, needs no email.
    expect((await checkout(mine, checkoutBody(approveToken, null), { token: alice.token, wait: true })).json()).toMatchObject({ status: 'CONFIRMED' });
  });
});
