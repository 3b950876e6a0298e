import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../testing/http-harness.js';
import { approveToken, checkoutBody, expectNothingAppended, expectProblem, mark, seedProduct, send } from './purchase/purchase.fixtures.js';

interface PaymentAnswer {
  paymentId: string;
  orderId: string;
  status: string;
  captured: { amount: number; currency: string };
  refunded: { amount: number; currency: string };
}

describe('payment routes', () => {
  let t: TestApp;
  let alice: { customerId: string; token: string };
  let bob: { token: string };
  let admin: { token: string };
  let item: Awaited<ReturnType<typeof seedProduct>>;

  beforeAll(async () => {
    t = await startTestApp();
    [alice, bob, admin] = await Promise.all([t.account(), t.account(), t.account(['admin'])]);
    item = await seedProduct(t, { price: 10_000, stock: 100 });
  }, 60_000);
  afterAll(async () => t?.close());

  /** Alice's confirmed order and its payment id; shipped (so captured by the after-sale saga) when asked. */
  async function paidOrder(ship: boolean): Promise<{ orderId: string; paymentId: string }> {
    const placed = await send(t, 'POST', '/api/v1/orders?wait=true', {
      token: alice.token,
      body: { lines: [{ sku: item.sku, quantity: 1 }], ...checkoutBody(approveToken, null) },
    });
    const { orderId, status } = placed.json<{ orderId: string; status: string }>();
    expect(status).toBe('CONFIRMED');
    const shown = await send(t, 'GET', `/api/v1/orders/${orderId}`, { token: alice.token });
    const { paymentId } = shown.json<{ paymentId: string }>();
    if (ship) {
      await send(t, 'POST', `/api/v1/orders/${orderId}/ship`, { token: admin.token, body: { carrier: 'UPS', trackingNumber: `1Z-${orderId}` } });
      // The capture is the after-sale saga's reaction to the shipment: wait for it (bounded).
      for (let i = 0; i < 200; i++) {
        const payment = await send(t, 'GET', `/api/v1/payments/${paymentId}`, { token: alice.token });
        if (payment.json<PaymentAnswer>().status === 'CAPTURED') break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    return { orderId, paymentId };
  }

  it('shows a payment to the customer whose order it pays, and to admins', async () => {
    const { orderId, paymentId } = await paidOrder(false);
    const mine = await send(t, 'GET', `/api/v1/payments/${paymentId}`, { token: alice.token });
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({ paymentId, orderId, status: 'AUTHORIZED', amount: { amount: 10_000, currency: 'USD' }, cardLast4: '4242' });
    expect(mine.body).not.toContain('tok_sandbox');
    expectProblem(await send(t, 'GET', `/api/v1/payments/${paymentId}`, { token: bob.token }), 404, '/problems/payment-not-found');
    expectProblem(await send(t, 'GET', `/api/v1/payments/${paymentId}`), 401);
    expect((await send(t, 'GET', `/api/v1/payments/${paymentId}`, { token: admin.token })).statusCode).toBe(200);
    expectProblem(await send(t, 'GET', '/api/v1/payments/unknown', { token: alice.token }), 404);
  });

  it('refunds part, then the rest, never more than was captured; admins only', async () => {
    const { paymentId } = await paidOrder(true);
    const url = `/api/v1/payments/${paymentId}/refund`;
    expect((await send(t, 'GET', `/api/v1/payments/${paymentId}`, { token: admin.token })).json()).toMatchObject({ status: 'CAPTURED', captured: { amount: 10_000 } });
    expectProblem(await send(t, 'POST', url, { token: alice.token, body: { amount: { amount: 100, currency: 'USD' } } }), 403);
    expectProblem(await send(t, 'POST', url, { body: {} }), 401);

    const partial = await send(t, 'POST', url, { token: admin.token, body: { amount: { amount: 2_500, currency: 'USD' }, reason: 'scratched' }, key: 'refund-1' });
    expect(partial.statusCode, partial.body).toBe(200);
    expect(partial.json()).toMatchObject({ status: 'PARTIALLY_REFUNDED', refunded: { amount: 2_500 } });
    const replay = await send(t, 'POST', url, { token: admin.token, body: { amount: { amount: 2_500, currency: 'USD' }, reason: 'scratched' }, key: 'refund-1' });
    expect(replay.body).toBe(partial.body);

    for (const [body, status, type] of [
      [{ amount: { amount: 7_501, currency: 'USD' } }, 409, '/problems/refund-exceeds-captured'],
      [{ amount: { amount: 100, currency: 'EUR' } }, 422, '/problems/currency-mismatch'],
      [{ amount: { amount: 0, currency: 'USD' } }, 400, undefined],
      [{ amount: { amount: 10.5, currency: 'USD' } }, 400, undefined],
      [{ amount: 100 }, 400, undefined],
      [{ everything: true }, 400, undefined],
    ] as const) {
      const before = await mark(t);
      const response = await send(t, 'POST', url, { token: admin.token, body });
      expectProblem(response, status, type);
      await expectNothingAppended(t, before, response);
    }

    const rest = await send(t, 'POST', url, { token: admin.token, body: {} });
    expect(rest.json()).toMatchObject({ status: 'REFUNDED', refunded: { amount: 10_000 }, captured: { amount: 10_000 } });
    expectProblem(await send(t, 'POST', url, { token: admin.token, body: { amount: { amount: 1, currency: 'USD' } } }), 409, '/problems/illegal-transition');
    const refunds = await t.system.store.readStream(`payment-${paymentId}`);
    expect(refunds.filter((event) => event.type === 'PaymentRefunded')).toHaveLength(2);
  });

  it('refuses to refund a payment that was never captured', async () => {
    const { paymentId } = await paidOrder(false);
    const before = await mark(t);
    const response = await send(t, 'POST', `/api/v1/payments/${paymentId}/refund`, { token: admin.token });
    expectProblem(response, 409, '/problems/illegal-transition');
    await expectNothingAppended(t, before, response);
  });
});
