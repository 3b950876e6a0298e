import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCards } from '../payments/test-cards.js';
import { startTestApp, type TestApp } from './testing/http-harness.js';

/**
 * The whole shopper journey against a real listening server, over the network with fetch: the shop
 * is stocked through the admin and seller routes, a shopper registers, fills a cart, checks out and
 * finds the confirmed order in their history.
 */
describe('the shopper journey over a real socket', () => {
  let t: TestApp;
  let base: string;

  beforeAll(async () => {
    t = await startTestApp();
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  }, 60_000);
  afterAll(async () => t?.close());

  async function call<T = Record<string, unknown>>(method: string, path: string, options: { token?: string; body?: unknown; key?: string } = {}) {
    const response = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: {
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.key ? { 'idempotency-key': options.key } : {}),
      },
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, json: (text ? JSON.parse(text) : undefined) as T };
  }

  /** Registers through the API when the auth routes are mounted; otherwise through the trusted test path. */
  async function register(email: string): Promise<{ customerId: string; token: string }> {
    const registered = await call<{ customerId: string; token: string; type?: string }>('POST', '/auth/register', {
      body: { email, password: 'correct horse battery staple', name: 'Grace Hopper' },
    });
    if (registered.status === 404 && registered.json.type === '/problems/route-not-found') return t.account(['customer'], email);
    expect(registered.status, registered.text).toBe(201);
    return registered.json;
  }

  it('stocks the shop, registers, fills a cart, checks out (CONFIRMED) and sees the order in its history', async () => {
    const admin = await t.account(['admin']);
    const seller = await t.account(['seller']);

    const category = await call<{ categoryId: string }>('POST', '/admin/categories', { token: admin.token, body: { name: 'Kitchen' } });
    expect(category.status, category.text).toBe(201);
    const product = await call<{ productId: string }>('POST', '/seller/products', {
      token: seller.token,
      body: {
        title: 'Cast iron pan',
        description: 'Heavy, lasts forever',
        brand: 'Forge',
        categoryId: category.json.categoryId,
        images: [],
        attributes: { material: 'iron' },
        variants: [{ sku: 'PAN-26', price: { amount: 4500, currency: 'USD' }, attributes: { size: '26cm' } }],
      },
    });
    expect(product.status, product.text).toBe(201);
    const { productId } = product.json;
    const published = await call('PUT', `/seller/products/${productId}`, { token: seller.token, body: { status: 'published' } });
    expect(published.status, published.text).toBe(200);
    const stocked = await call('PUT', '/seller/inventory/PAN-26', { token: seller.token, body: { receive: { quantity: 10 } } });
    expect(stocked.status, stocked.text).toBe(200);

    const shopper = await register('grace@example.com');
    const cart = await call<{ cartId: string }>('POST', '/carts', { token: shopper.token, key: 'journey-cart' });
    expect(cart.status).toBe(201);
    const { cartId } = cart.json;
    const added = await call('POST', `/carts/${cartId}/items`, { token: shopper.token, body: { sku: 'PAN-26', quantity: 2 } });
    expect(added.status, added.text).toBe(200);
    expect(added.json).toMatchObject({ lines: [{ sku: 'PAN-26', productId, quantity: 2, unitPrice: { amount: 4500, currency: 'USD' } }], subtotal: { amount: 9000 } });

    const checkout = await call<{ orderId: string; status: string; position: string }>('POST', `/carts/${cartId}/checkout?wait=true`, {
      token: shopper.token,
      key: 'journey-checkout',
      body: {
        shippingAddress: { name: 'Grace Hopper', line1: '1 Navy Way', city: 'Arlington', postalCode: '22202', country: 'US' },
        shippingOption: 'express',
        payment: { cardNumber: testCards.approve, expMonth: 12, expYear: new Date().getUTCFullYear() + 3, cvc: '314' },
      },
    });
    expect(checkout.status, checkout.text).toBe(200);
    expect(checkout.json.status).toBe('CONFIRMED');
    const { orderId, position } = checkout.json;

    const order = await call('GET', `/orders/${orderId}?position=${position}`, { token: shopper.token });
    expect(order.status).toBe(200);
    expect(order.headers.get('x-read-position-reached')).toBe('true');
    expect(order.json).toMatchObject({
      orderId,
      status: 'CONFIRMED',
      customerId: shopper.customerId,
      cartId,
      lines: [{ sku: 'PAN-26', productId, sellerId: seller.customerId, quantity: 2 }],
      pricing: { subtotal: { amount: 9000 }, shipping: { amount: 1499 }, total: { amount: 10_499 } },
      cardLast4: '4242',
    });

    const history = await call<{ items: { orderId: string; status: string }[] }>('GET', `/me/orders?position=${position}`, { token: shopper.token });
    expect(history.status).toBe(200);
    expect(history.json.items).toEqual([expect.objectContaining({ orderId, status: 'CONFIRMED', total: { amount: 10_499, currency: 'USD' } })]);

    // Someone else sees neither the cart nor the order.
    const stranger = await t.account();
    expect((await call('GET', `/carts/${cartId}`, { token: stranger.token })).status).toBe(404);
    expect((await call('GET', `/orders/${orderId}`, { token: stranger.token })).status).toBe(404);
  });
});
