import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testTokens } from '../../payments/test-cards.js';
import { startTestApp, type TestApp } from '../testing/http-harness.js';
import {
  approveCard,
  approveToken,
  checkoutBody,
  defineCoupon,
  expectNothingAppended,
  expectProblem,
  mark,
  seedProduct,
  send,
} from './purchase/purchase.fixtures.js';
import { settlementWatcherFor } from './purchase/settlement-watcher.js';

interface Settled {
  orderId: string;
  status: string;
  reason?: string;
  position: string | null;
}

describe('order routes', () => {
  let t: TestApp;
  let alice: { customerId: string; token: string };
  let bob: { token: string };
  let admin: { token: string };
  let item: Awaited<ReturnType<typeof seedProduct>>;
  let other: Awaited<ReturnType<typeof seedProduct>>;

  beforeAll(async () => {
    t = await startTestApp();
    [alice, bob, admin] = await Promise.all([t.account(), t.account(), t.account(['admin'])]);
    [item, other] = await Promise.all([seedProduct(t, { price: 1000, stock: 100, sellerId: 'seller-a' }), seedProduct(t, { price: 250, stock: 100, sellerId: 'seller-b' })]);
  }, 60_000);
  afterAll(async () => t?.close());

  const order = (body: unknown, options: { token?: string; key?: string; wait?: boolean } = {}) =>
    send(t, 'POST', `/api/v1/orders${options.wait === false ? '' : '?wait=true'}`, { body, token: options.token, ...(options.key ? { key: options.key } : {}) });
  const direct = (lines: { sku: string; quantity: number }[], email: string | null = null, payment: unknown = approveToken) => ({
    lines,
    ...checkoutBody(payment, email),
  });
  /** A confirmed order of Alice's. */
  async function alicesOrder(): Promise<Settled> {
    const placed = await order(direct([{ sku: item.sku, quantity: 1 }]), { token: alice.token });
    expect(placed.json<Settled>().status, placed.body).toBe('CONFIRMED');
    return placed.json<Settled>();
  }

  it('places a direct order priced from the products, with its sellers, and shows it to its customer', async () => {
    const placed = await order(direct([{ sku: item.sku, quantity: 2 }, { sku: other.sku, quantity: 4 }]), { token: alice.token });
    expect(placed.statusCode, placed.body).toBe(200);
    const { orderId, status, position } = placed.json<Settled>();
    expect(status).toBe('CONFIRMED');
    const shown = await send(t, 'GET', `/api/v1/orders/${orderId}?position=${position}`, { token: alice.token });
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toMatchObject({
      orderId,
      status: 'CONFIRMED',
      customerId: alice.customerId,
      statusHistory: [{ status: 'PENDING' }, { status: 'CONFIRMED' }],
      lines: [
        { sku: item.sku, sellerId: 'seller-a', quantity: 2, unitPrice: { amount: 1000 } },
        { sku: other.sku, sellerId: 'seller-b', quantity: 4, unitPrice: { amount: 250 } },
      ],
      pricing: { subtotal: { amount: 3000 }, shipping: { amount: 499 }, total: { amount: 3499 } },
      paymentId: expect.any(String),
    });
    expect(shown.headers['x-read-position-reached']).toBe('true');
    expect(shown.body).not.toContain('tok_sandbox');
  });

  it('shows a customer’s order only to that customer and admins; a guest order to whoever holds its id', async () => {
    const { orderId } = await alicesOrder();
    expectProblem(await send(t, 'GET', `/api/v1/orders/${orderId}`, { token: bob.token }), 404, '/problems/order-not-found');
    expectProblem(await send(t, 'GET', `/api/v1/orders/${orderId}`), 404, '/problems/order-not-found');
    expectProblem(await send(t, 'GET', `/api/v1/orders/${orderId}/tracking`, { token: bob.token }), 404);
    expect((await send(t, 'GET', `/api/v1/orders/${orderId}`, { token: admin.token })).statusCode).toBe(200);
    const guest = await order(direct([{ sku: item.sku, quantity: 1 }], 'guest@example.com', approveCard));
    expect(guest.json()).toMatchObject({ status: 'CONFIRMED' });
    expect((await send(t, 'GET', `/api/v1/orders/${guest.json<Settled>().orderId}`)).json()).toMatchObject({ guestEmail: 'guest@example.com', customerId: null });
    expectProblem(await send(t, 'GET', '/api/v1/orders/nope'), 404);
    expectProblem(await send(t, 'GET', '/api/v1/orders/x?position=soon'), 400);
  });

  it('lists my orders, newest first, page by page', async () => {
    const carol = await t.account();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const placed = await order(direct([{ sku: other.sku, quantity: 1 }]), { token: carol.token });
      ids.push(placed.json<Settled>().orderId);
    }
    const last = (await order(direct([{ sku: other.sku, quantity: 1 }]), { token: carol.token, wait: false })).json<{ orderId: string; position: string }>();
    ids.push(last.orderId);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await send(t, 'GET', `/api/v1/me/orders?limit=3&position=${last.position}${cursor ? `&cursor=${cursor}` : ''}`, { token: carol.token });
      expect(page.statusCode, page.body).toBe(200);
      const body = page.json<{ items: { orderId: string; total: { amount: number } }[]; nextCursor: string | null }>();
      seen.push(...body.items.map((entry) => entry.orderId));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    expect((await send(t, 'GET', '/api/v1/me/orders', { token: bob.token })).json().items).toEqual([]);
    expectProblem(await send(t, 'GET', '/api/v1/me/orders'), 401);
    expectProblem(await send(t, 'GET', '/api/v1/me/orders?cursor=garbage', { token: carol.token }), 400);
    expectProblem(await send(t, 'GET', '/api/v1/me/orders?limit=1000', { token: carol.token }), 400);
  });

  it('cancels an order for its customer only; a shipped one no more', async () => {
    const { orderId } = await alicesOrder();
    const before = await mark(t);
    const foreign = await send(t, 'PUT', `/api/v1/orders/${orderId}/cancel`, { token: bob.token, body: { reason: 'mine now' } });
    expectProblem(foreign, 404);
    await expectNothingAppended(t, before, foreign);
    expectProblem(await send(t, 'PUT', `/api/v1/orders/${orderId}/cancel`, { body: {} }), 401);
    expectProblem(await send(t, 'PUT', `/api/v1/orders/${orderId}/cancel`, { token: alice.token, body: { reason: '' } }), 400);
    const cancelled = await send(t, 'PUT', `/api/v1/orders/${orderId}/cancel`, { token: alice.token, body: { reason: 'changed my mind' } });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    // Paid: cancelling asks for the refund at once.
    expect(cancelled.json()).toMatchObject({ orderId, status: 'REFUND_PENDING', position: expect.any(String) });
    const shown = await send(t, 'GET', `/api/v1/orders/${orderId}?position=${cancelled.json().position}`, { token: alice.token });
    expect(shown.json()).toMatchObject({ cancellation: { reason: 'changed my mind', by: 'customer' } });

    const shipped = await alicesOrder();
    await send(t, 'POST', `/api/v1/orders/${shipped.orderId}/ship`, { token: admin.token, body: { carrier: 'DHL', trackingNumber: 'T-1' } });
    expectProblem(await send(t, 'PUT', `/api/v1/orders/${shipped.orderId}/cancel`, { token: alice.token }), 409, '/problems/illegal-transition');
  });

  it('ships and delivers for admins only, with tracking, then takes a return request from the customer', async () => {
    const { orderId } = await alicesOrder();
    const ship = { carrier: 'DHL', trackingNumber: 'JD0001' };
    expectProblem(await send(t, 'POST', `/api/v1/orders/${orderId}/ship`, { token: alice.token, body: ship }), 403);
    expectProblem(await send(t, 'POST', `/api/v1/orders/${orderId}/ship`, { body: ship }), 401);
    for (const body of [{ carrier: 'DHL' }, { ...ship, weight: 3 }, { ...ship, carrier: 7 }]) {
      const before = await mark(t);
      const response = await send(t, 'POST', `/api/v1/orders/${orderId}/ship`, { token: admin.token, body });
      expectProblem(response, 400);
      await expectNothingAppended(t, before, response);
    }
    const early = await send(t, 'POST', `/api/v1/orders/${orderId}/deliver`, { token: admin.token });
    expectProblem(early, 409, '/problems/illegal-transition');
    const shipped = await send(t, 'POST', `/api/v1/orders/${orderId}/ship`, { token: admin.token, body: ship, key: `ship-${orderId}` });
    expect(shipped.json()).toMatchObject({ orderId, status: 'SHIPPED' });
    const replayed = await send(t, 'POST', `/api/v1/orders/${orderId}/ship`, { token: admin.token, body: ship, key: `ship-${orderId}` });
    expect(replayed.body).toBe(shipped.body);
    const tracking = await send(t, 'GET', `/api/v1/orders/${orderId}/tracking?position=${shipped.json().position}`, { token: alice.token });
    expect(tracking.json()).toEqual({ orderId, status: 'SHIPPED', carrier: 'DHL', trackingNumber: 'JD0001', shippedAt: expect.any(String), deliveredAt: null });

    expectProblem(await send(t, 'POST', `/api/v1/orders/${orderId}/deliver`, { token: alice.token }), 403);
    expectProblem(await send(t, 'POST', `/api/v1/orders/${orderId}/deliver`, { token: admin.token, body: { when: 'now' } }), 400);
    const delivered = await send(t, 'POST', `/api/v1/orders/${orderId}/deliver`, { token: admin.token });
    expect(delivered.json()).toMatchObject({ status: 'DELIVERED' });

    const returns = `/api/v1/orders/${orderId}/returns`;
    const request = { lines: [{ sku: item.sku, quantity: 1 }], reason: 'too small' };
    expectProblem(await send(t, 'POST', returns, { token: bob.token, body: request }), 404);
    for (const [body, status] of [
      [{ lines: [{ sku: item.sku, quantity: 2 }], reason: 'too small' }, 422],
      [{ lines: [{ sku: other.sku, quantity: 1 }], reason: 'too small' }, 422],
      [{ lines: [], reason: 'too small' }, 400],
      [{ ...request, refund: 'double' }, 400],
      [{ lines: [{ sku: item.sku, quantity: -1 }], reason: 'x' }, 400],
    ] as const) {
      const before = await mark(t);
      const response = await send(t, 'POST', returns, { token: alice.token, body });
      expectProblem(response, status);
      await expectNothingAppended(t, before, response);
    }
    const asked = await send(t, 'POST', returns, { token: alice.token, body: request });
    expect(asked.statusCode, asked.body).toBe(201);
    expect(asked.json()).toMatchObject({ orderId, status: 'RETURN_REQUESTED' });
  });

  it('applies a coupon to a direct order and refuses what cannot be ordered, appending nothing', async () => {
    await defineCoupon(t, 'BIG20', 2000, { minimum: 5000 });
    const discounted = await order({ ...direct([{ sku: item.sku, quantity: 6 }]), couponCode: 'big20' }, { token: alice.token });
    expect(discounted.json()).toMatchObject({ status: 'CONFIRMED' });
    const shown = await send(t, 'GET', `/api/v1/orders/${discounted.json<Settled>().orderId}`, { token: alice.token });
    expect(shown.json()).toMatchObject({ couponCode: 'BIG20', pricing: { subtotal: { amount: 6000 }, discount: { amount: 1200 } } });

    const euro = await seedProduct(t, { currency: 'EUR' });
    const cases: [string, unknown, number, string?][] = [
      ['unknown sku', direct([{ sku: 'NOPE-2', quantity: 1 }]), 422, '/problems/unknown-sku'],
      ['mixed currencies', direct([{ sku: item.sku, quantity: 1 }, { sku: euro.sku, quantity: 1 }]), 422, '/problems/currency-mismatch'],
      ['same sku twice', direct([{ sku: item.sku, quantity: 1 }, { sku: item.sku, quantity: 1 }]), 422, '/problems/duplicate-order-line'],
      ['coupon minimum not met', { ...direct([{ sku: item.sku, quantity: 1 }]), couponCode: 'BIG20' }, 422, '/problems/minimum-not-met'],
      ['no such coupon', { ...direct([{ sku: item.sku, quantity: 1 }]), couponCode: 'NOSUCH' }, 404],
      ['no lines', direct([]), 400],
      ['unknown field', { ...direct([{ sku: item.sku, quantity: 1 }]), total: 1 }, 400],
      ['string quantity', direct([{ sku: item.sku, quantity: '1' as unknown as number }]), 400],
      ['missing address', { lines: [{ sku: item.sku, quantity: 1 }], shippingOption: 'standard', payment: approveToken }, 400],
    ];
    for (const [name, body, status, type] of cases) {
      const before = await mark(t);
      const response = await order(body, { token: alice.token });
      expect(response.statusCode, `${name}: ${response.body}`).toBe(status);
      expectProblem(response, status, type);
      await expectNothingAppended(t, before, response);
    }
    const guest = await order(direct([{ sku: item.sku, quantity: 1 }]));
    expectProblem(guest, 400, '/problems/validation-failed');
  });

  it('waits out a gateway that fails twice before approving; a wait that runs out answers the order as it stands', async () => {
    const watcher = settlementWatcherFor(t.system.store, t.app.log);
    expect((await watcher.settled('no-such-order', 50)).state.status).toBe('NONE');
    const placed = await order(direct([{ sku: other.sku, quantity: 1 }], null, { token: testTokens.failTwiceThenApprove, last4: '9995' }), {
      token: alice.token,
      wait: false,
    });
    expect(placed.statusCode).toBe(202);
    const { orderId } = placed.json<{ orderId: string }>();
    const settled = await watcher.settled(orderId, 30_000);
    expect(settled.state.status).toBe('CONFIRMED');
    const shown = await send(t, 'GET', `/api/v1/orders/${orderId}?position=${settled.position}`, { token: alice.token });
    expect(shown.json()).toMatchObject({ status: 'CONFIRMED', cardLast4: '9995' });
  });

  it('replays a direct order with the same Idempotency-Key: same answer, one order', async () => {
    const body = direct([{ sku: other.sku, quantity: 1 }], 'once@example.com');
    const first = await order(body, { key: 'direct-1' });
    const again = await order(body, { key: 'direct-1' });
    expect(first.statusCode).toBe(200);
    expect(again.body).toBe(first.body);
    const placed = await t.system.store.readAll({ filter: { categories: ['order'], eventTypes: ['OrderPlaced'] } });
    expect(placed.filter((event) => (event.data as { guestEmail: string | null }).guestEmail === 'once@example.com')).toHaveLength(1);
  });
});
