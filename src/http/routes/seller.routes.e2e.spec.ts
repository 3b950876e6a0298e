import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderStreamName } from '../../domain/order/index.js';
import { productStreamName } from '../../domain/product/index.js';
import { formatPosition, parsePosition } from '../../eventstore/position.js';
import { testTokens } from '../../payments/test-cards.js';
import { startTestApp, type TestApp } from '../testing/http-harness.js';

type Account = Awaited<ReturnType<TestApp['account']>>;

describe('seller routes', () => {
  let t: TestApp;
  let admin: Account;
  let sellerA: Account;
  let sellerB: Account;
  let customer: Account;
  let categoryId: string;

  const call = (method: 'GET' | 'POST' | 'PUT', url: string, token?: string, body?: unknown) =>
    t.request({ method, url, ...(token ? { token } : {}), ...(body !== undefined ? { payload: body as object } : {}) });
  const head = async () => {
    const position = await t.system.store.headPosition();
    return position ? formatPosition(position) : 'empty';
  };
  const sku = (label: string) => `${label}-${randomUUID().slice(0, 8)}`;
  const productBody = (skus: string[], overrides: Record<string, unknown> = {}) => ({
    title: 'Merino sweater',
    description: 'Warm and soft',
    brand: 'Woolly',
    categoryId,
    images: ['https://img.example.com/sweater.jpg'],
    attributes: { material: 'merino' },
    variants: skus.map((s, i) => ({ sku: s, price: { amount: 5_900 + i * 100, currency: 'EUR' }, attributes: { size: ['S', 'M', 'L'][i % 3]! } })),
    ...overrides,
  });
  async function createProduct(seller: Account, skus: string[]): Promise<string> {
    const created = await call('POST', '/api/v1/seller/products', seller.token, productBody(skus));
    expect(created.statusCode, created.body).toBe(201);
    return created.json<{ productId: string }>().productId;
  }
  /** Waits until a projection shows everything appended so far. */
  async function caughtUp(projection: string): Promise<void> {
    const position = await t.system.store.headPosition();
    const runner = t.system.projections.find((p) => p.name === projection)!;
    if (position) expect(await runner.waitFor(position, 10_000)).toBe(true);
  }

  beforeAll(async () => {
    t = await startTestApp();
    [admin, sellerA, sellerB, customer] = await Promise.all([t.account(['admin']), t.account(['seller']), t.account(['seller']), t.account()]);
    const category = await call('POST', '/api/v1/admin/categories', admin.token, { name: 'Knitwear' });
    expect(category.statusCode, category.body).toBe(201);
    categoryId = category.json<{ categoryId: string }>().categoryId;
  }, 120_000);
  afterAll(async () => t?.close());

  describe('products', () => {
    it('creates a draft, publishes it together with a detail change, and changes a price', async () => {
      const skus = [sku('SW-S'), sku('SW-M')];
      const productId = await createProduct(sellerA, skus);
      const created = await t.system.commands.product.read(productStreamName(productId));
      expect(created.state).toMatchObject({ status: 'draft', sellerId: sellerA.customerId, categoryId, imageUrls: ['https://img.example.com/sweater.jpg'] });

      const updated = await call('PUT', `/api/v1/seller/products/${productId}`, sellerA.token, { title: 'Merino crew sweater', status: 'published' });
      expect(updated.statusCode, updated.body).toBe(200);
      expect(updated.json()).toMatchObject({ productId, title: 'Merino crew sweater', status: 'published', sellerId: sellerA.customerId });
      expect(parsePosition(updated.json<{ position: string }>().position)).toBeDefined();
      const events = await t.system.store.readStream(productStreamName(productId));
      expect(events.map((e) => e.type)).toEqual(['ProductCreated', 'ProductDetailsUpdated', 'ProductPublished']);
      // Both changes of one request landed in one append: they share a position's transaction.
      expect(events[1]!.position.commit).toBe(events[2]!.position.commit);

      const priced = await call('PUT', `/api/v1/seller/products/${productId}/price`, sellerA.token, { sku: skus[1], price: { amount: 6_500, currency: 'EUR' } });
      expect(priced.statusCode, priced.body).toBe(200);
      expect(priced.json<{ variants: { sku: string; price: unknown }[] }>().variants.find((v) => v.sku === skus[1])?.price).toEqual({ amount: 6_500, currency: 'EUR' });

      const unpublished = await call('PUT', `/api/v1/seller/products/${productId}`, sellerA.token, { status: 'unpublished' });
      expect(unpublished.json()).toMatchObject({ status: 'unpublished' });
    });

    it('lets an admin edit any product, and create one for a seller', async () => {
      const productId = await createProduct(sellerA, [sku('ADM')]);
      const edited = await call('PUT', `/api/v1/seller/products/${productId}`, admin.token, { brand: 'House brand' });
      expect(edited.statusCode, edited.body).toBe(200);
      expect(edited.json()).toMatchObject({ brand: 'House brand', sellerId: sellerA.customerId });
      const forSeller = await call('POST', '/api/v1/seller/products', admin.token, productBody([sku('FOR')], { sellerId: sellerB.customerId }));
      expect(forSeller.statusCode, forSeller.body).toBe(201);
      const { state } = await t.system.commands.product.read(productStreamName(forSeller.json<{ productId: string }>().productId));
      expect(state).toMatchObject({ sellerId: sellerB.customerId });
    });

    it("answers 404 to a seller touching another seller's product, and records nothing", async () => {
      const productId = await createProduct(sellerA, [sku('MINE')]);
      const before = await head();
      const details = await call('PUT', `/api/v1/seller/products/${productId}`, sellerB.token, { title: 'Stolen' });
      expect(details.statusCode).toBe(404);
      expect(details.headers['content-type']).toContain('application/problem+json');
      expect(details.json()).toMatchObject({ type: '/problems/product-not-found' });
      const price = await call('PUT', `/api/v1/seller/products/${productId}/price`, sellerB.token, { sku: 'X', price: { amount: 1, currency: 'EUR' } });
      expect(price.statusCode).toBe(404);
      const forOther = await call('POST', '/api/v1/seller/products', sellerB.token, productBody([sku('OTH')], { sellerId: sellerA.customerId }));
      expect(forOther.statusCode).toBe(403);
      expect(await head()).toBe(before);
    });

    it('refuses callers below the seller role', async () => {
      const body = productBody([sku('ROLE')]);
      expect((await call('POST', '/api/v1/seller/products', undefined, body)).statusCode).toBe(401);
      expect((await call('POST', '/api/v1/seller/products', customer.token, body)).statusCode).toBe(403);
      expect((await call('GET', '/api/v1/seller/orders', customer.token)).statusCode).toBe(403);
      expect((await call('GET', '/api/v1/seller/analytics', customer.token)).statusCode).toBe(403);
    });

    it('answers malformed, invalid and refused requests with problems and appends nothing', async () => {
      const productId = await createProduct(sellerA, [sku('VAL')]);
      const before = await head();
      const cases: [string, string, unknown, number, string][] = [
        ['POST', '/api/v1/seller/products', { ...productBody([sku('A')]), title: 42 }, 400, 'validation-failed'],
        ['POST', '/api/v1/seller/products', { ...productBody([sku('A')]), owner: 'me' }, 400, 'validation-failed'],
        ['POST', '/api/v1/seller/products', productBody([]), 400, 'validation-failed'],
        ['POST', '/api/v1/seller/products', productBody(['bad sku!']), 400, 'validation-failed'],
        ['POST', '/api/v1/seller/products', productBody([sku('A')], { images: ['ftp://x/y.jpg'] }), 400, 'validation-failed'],
        ['POST', '/api/v1/seller/products', { ...productBody([sku('A')]), variants: [{ sku: sku('A'), price: { amount: 9.99, currency: 'EUR' } }] }, 400, 'validation-failed'],
        ['POST', '/api/v1/seller/products', productBody([sku('A')], { categoryId: 'no-such-category' }), 422, 'unknown-category'],
        ['POST', '/api/v1/seller/products', { ...productBody([sku('A')]), variants: [{ sku: sku('A'), price: { amount: 100, currency: 'EUR' } }, { sku: sku('B'), price: { amount: 100, currency: 'USD' } }] }, 422, 'currency-mismatch'],
        ['POST', '/api/v1/seller/products', { ...productBody([sku('A')]), variants: [{ sku: 'DUP-1', price: { amount: 100, currency: 'EUR' } }, { sku: 'DUP-1', price: { amount: 200, currency: 'EUR' } }] }, 422, 'duplicate-sku'],
        ['PUT', `/api/v1/seller/products/${productId}`, {}, 400, 'validation-failed'],
        ['PUT', `/api/v1/seller/products/${productId}`, { status: 'deleted' }, 400, 'validation-failed'],
        ['PUT', `/api/v1/seller/products/${productId}`, { categoryId: 'nowhere' }, 422, 'unknown-category'],
        ['PUT', `/api/v1/seller/products/${productId}/price`, { sku: 'NOPE', price: { amount: 100, currency: 'EUR' } }, 422, 'unknown-sku'],
        ['PUT', `/api/v1/seller/products/${productId}/price`, { sku: 'NOPE', price: { amount: 100 } }, 400, 'validation-failed'],
        ['PUT', `/api/v1/seller/products/${randomUUID()}`, { title: 'Ghost' }, 404, 'product-not-found'],
      ];
      for (const [method, url, body, status, type] of cases) {
        const response = await call(method as 'POST', url, sellerA.token, body);
        expect({ url, body, status: response.statusCode }).toEqual({ url, body, status });
        expect(response.headers['content-type']).toContain('application/problem+json');
        expect(response.json()).toMatchObject({ type: `/problems/${type}` });
      }
      expect(await head()).toBe(before);
    });

    it('keeps a discontinued product discontinued, and refuses a second change of one request atomically', async () => {
      const productId = await createProduct(sellerA, [sku('DISC')]);
      expect((await call('PUT', `/api/v1/seller/products/${productId}`, sellerA.token, { status: 'discontinued' })).statusCode).toBe(200);
      const before = await head();
      const again = await call('PUT', `/api/v1/seller/products/${productId}`, sellerA.token, { title: 'Back again', status: 'published' });
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({ type: '/problems/product-discontinued' });
      expect(await head()).toBe(before);
    });

    it('refuses a SKU that another product already uses', async () => {
      const taken = sku('TAKEN');
      await createProduct(sellerA, [taken]);
      await caughtUp('product-catalog');
      const before = await head();
      const clash = await call('POST', '/api/v1/seller/products', sellerB.token, productBody([taken]));
      expect(clash.statusCode).toBe(409);
      expect(clash.json()).toMatchObject({ type: '/problems/sku-taken' });
      expect(await head()).toBe(before);
    });
  });

  describe('inventory', () => {
    it('receives and adjusts stock of the seller’s own SKU right after creating the product', async () => {
      const s = sku('INV');
      await createProduct(sellerA, [s]);
      const received = await call('PUT', `/api/v1/seller/inventory/${s}`, sellerA.token, { receive: { quantity: 10 } });
      expect(received.statusCode, received.body).toBe(200);
      expect(received.json()).toMatchObject({ sku: s, onHand: 10, reserved: 0, available: 10 });
      const adjusted = await call('PUT', `/api/v1/seller/inventory/${s}`, sellerA.token, { adjust: { delta: -2, reason: 'damaged' } });
      expect(adjusted.json()).toMatchObject({ sku: s, onHand: 8, reserved: 0, available: 8 });
      const warehouse = await call('PUT', `/api/v1/seller/inventory/${s}`, sellerA.token, { receive: { quantity: 1, warehouse: 'east' } });
      expect(warehouse.json()).toMatchObject({ onHand: 9 });
    });

    it('answers 404 for another seller’s SKU and lets an admin supply any SKU', async () => {
      const s = sku('OWN');
      await createProduct(sellerA, [s]);
      await caughtUp('product-catalog');
      const before = await head();
      const other = await call('PUT', `/api/v1/seller/inventory/${s}`, sellerB.token, { receive: { quantity: 5 } });
      expect(other.statusCode).toBe(404);
      expect(other.json()).toMatchObject({ type: '/problems/sku-not-found' });
      expect(await head()).toBe(before);
      const byAdmin = await call('PUT', `/api/v1/seller/inventory/${sku('LOOSE')}`, admin.token, { receive: { quantity: 3 } });
      expect(byAdmin.statusCode).toBe(200);
      expect(byAdmin.json()).toMatchObject({ onHand: 3, available: 3 });
    });

    it('validates the change and records nothing on refusal', async () => {
      const s = sku('BAD');
      await createProduct(sellerA, [s]);
      await call('PUT', `/api/v1/seller/inventory/${s}`, sellerA.token, { receive: { quantity: 2 } });
      const before = await head();
      const cases: [unknown, number, string][] = [
        [{}, 400, 'validation-failed'],
        [{ receive: { quantity: 1 }, adjust: { delta: 1, reason: 'found' } }, 400, 'validation-failed'],
        [{ receive: { quantity: 0 } }, 400, 'validation-failed'],
        [{ receive: { quantity: '5' } }, 400, 'validation-failed'],
        [{ adjust: { delta: 0, reason: 'found' } }, 400, 'validation-failed'],
        [{ adjust: { delta: 1, reason: 'stolen' } }, 400, 'validation-failed'],
        [{ receive: { quantity: 1 }, note: 'x' }, 400, 'validation-failed'],
        [{ adjust: { delta: 1, reason: 'damaged' } }, 422, 'invalid-adjustment'],
        [{ adjust: { delta: -5, reason: 'lost' } }, 409, 'insufficient-stock'],
      ];
      for (const [body, status, type] of cases) {
        const response = await call('PUT', `/api/v1/seller/inventory/${s}`, sellerA.token, body);
        expect({ body, status: response.statusCode }).toEqual({ body, status });
        expect(response.json()).toMatchObject({ type: `/problems/${type}` });
      }
      expect((await call('PUT', '/api/v1/seller/inventory/bad%20sku', sellerA.token, { receive: { quantity: 1 } })).statusCode).toBe(400);
      expect(await head()).toBe(before);
    });
  });

  describe('orders and analytics', () => {
    it("shows each seller only their own orders and lines, and their own sales", async () => {
      const [skuA, skuB] = [sku('ORD-A'), sku('ORD-B')];
      const productA = await createProduct(sellerA, [skuA]);
      const productB = await createProduct(sellerB, [skuB]);
      for (const [s, seller] of [[skuA, sellerA], [skuB, sellerB]] as const) {
        expect((await call('PUT', `/api/v1/seller/inventory/${s}`, seller.token, { receive: { quantity: 5 } })).statusCode).toBe(200);
      }
      const orderId = randomUUID();
      const placed = await t.system.commands.order.send(
        {
          type: 'PlaceOrder',
          data: {
            orderId,
            customerId: customer.customerId,
            guestEmail: null,
            cartId: null,
            lines: [
              { sku: skuA, productId: productA, sellerId: sellerA.customerId, quantity: 2, unitPrice: { amount: 5_900, currency: 'EUR' } },
              { sku: skuB, productId: productB, sellerId: sellerB.customerId, quantity: 1, unitPrice: { amount: 5_900, currency: 'EUR' } },
            ],
            couponCode: null,
            discount: { amount: 0, currency: 'EUR' },
            shippingAddress: { name: 'Ada Lovelace', line1: '1 Main St', city: 'Berlin', postalCode: '10115', country: 'DE' },
            shippingOption: 'standard',
            paymentToken: testTokens.approve,
            cardLast4: '4242',
            at: new Date().toISOString(),
          },
        },
        { commandId: randomUUID() },
      );
      expect(placed.ok).toBe(true);
      // The checkout saga confirms it (stock reserved, payment authorized).
      for (let i = 0; i < 200; i++) {
        const { state } = await t.system.commands.order.read(orderStreamName(orderId));
        if (state.status === 'CONFIRMED') break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const position = formatPosition((await t.system.store.headPosition())!);

      const ofA = await call('GET', `/api/v1/seller/orders?position=${position}`, sellerA.token);
      expect(ofA.statusCode, ofA.body).toBe(200);
      expect(ofA.headers['x-read-position-reached']).toBe('true');
      const mine = ofA.json<{ items: { orderId: string; status: string; lines: { sku: string }[]; goods: unknown }[] }>().items;
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({ orderId, status: 'CONFIRMED', lines: [{ sku: skuA, quantity: 2 }], goods: { amount: 11_800, currency: 'EUR' } });
      const ofB = (await call('GET', '/api/v1/seller/orders', sellerB.token)).json<{ items: { lines: { sku: string }[] }[] }>().items;
      expect(ofB.map((o) => o.lines.map((l) => l.sku))).toEqual([[skuB]]);
      const all = (await call('GET', '/api/v1/seller/orders?status=CONFIRMED', admin.token)).json<{ items: { lines: unknown[] }[] }>().items;
      expect(all[0]?.lines).toHaveLength(2);
      const filtered = (await call('GET', `/api/v1/seller/orders?sellerId=${sellerB.customerId}`, admin.token)).json<{ items: { lines: { sku: string }[] }[] }>();
      expect(filtered.items[0]?.lines.map((l) => l.sku)).toEqual([skuB]);
      expect((await call('GET', `/api/v1/seller/orders?sellerId=${sellerB.customerId}`, sellerA.token)).statusCode).toBe(403);

      const analytics = await call('GET', `/api/v1/seller/analytics?position=${position}`, sellerA.token);
      expect(analytics.statusCode, analytics.body).toBe(200);
      expect(analytics.json()).toMatchObject({
        sellerId: sellerA.customerId,
        totals: [{ currency: 'EUR', orders: 1, units: 2, revenue: { amount: 11_800, currency: 'EUR' } }],
        bestSellers: [{ productId: productA, title: 'Merino sweater', unitsSold: 2 }],
      });
      const everyone = (await call('GET', '/api/v1/seller/analytics', admin.token)).json<{ sellerId: null; totals: { units: number }[]; bestSellers: unknown[] }>();
      expect(everyone).toMatchObject({ sellerId: null, totals: [{ units: 3 }] });
      expect(everyone.bestSellers).toHaveLength(2);
      expect((await call('GET', '/api/v1/seller/analytics?from=2026-02-02&to=2026-02-01', sellerA.token)).statusCode).toBe(400);
      expect((await call('GET', '/api/v1/seller/orders?cursor=garbage', sellerA.token)).statusCode).toBe(400);
    });
  });
});
