import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import type { Position } from '../../../eventstore/types.js';
import { expect } from 'vitest';
import { testCards, testTokens } from '../../../payments/test-cards.js';
import type { TestApp } from '../../testing/http-harness.js';

/* Shared by the purchase-path specs: a catalog made through the real command handlers, and requests. */

let products = 0;

export const address = { name: 'Ada Lovelace', line1: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'US' };
export const approveCard = { cardNumber: testCards.approve, expMonth: 12, expYear: new Date().getUTCFullYear() + 2, cvc: '123' };
export const declineCard = { ...approveCard, cardNumber: testCards.decline };
export const approveToken = { token: testTokens.approve, last4: '4242' };

/** A published product with one variant and stock, sold by `sellerId`. */
export async function seedProduct(
  t: TestApp,
  options: { price?: number; stock?: number; currency?: string; sellerId?: string; publish?: boolean } = {},
): Promise<{ productId: string; sku: string; sellerId: string; price: number }> {
  const n = ++products;
  const productId = `p-${n}-${randomUUID().slice(0, 8)}`;
  const sku = `SKU-${n}-${randomUUID().slice(0, 8)}`;
  const sellerId = options.sellerId ?? 'seller-1';
  const price = options.price ?? 1999;
  const actor = { userId: sellerId, roles: ['seller' as const] };
  const { product, inventory } = t.system.commands;
  const ok = (result: { ok: boolean }) => expect(result.ok).toBe(true);
  ok(
    await product.send(
      {
        type: 'CreateProduct',
        data: {
          actor,
          productId,
          sellerId,
          title: `Thing ${n}`,
          description: 'A fine thing',
          brand: 'Acme',
          categoryId: 'cat-1',
          imageUrls: [],
          attributes: {},
          variants: [{ sku, price: { amount: price, currency: options.currency ?? 'USD' }, attributes: {} }],
        },
      },
      { commandId: randomUUID() },
    ),
  );
  if (options.publish !== false) ok(await product.send({ type: 'PublishProduct', data: { actor, productId } }, { commandId: randomUUID() }));
  if ((options.stock ?? 100) > 0) {
    ok(
      await inventory.send(
        { type: 'ReceiveStock', data: { sku, warehouseId: 'main', quantity: options.stock ?? 100, at: new Date().toISOString() } },
        { commandId: randomUUID() },
      ),
    );
  }
  return { productId, sku, sellerId, price };
}

export async function defineCoupon(t: TestApp, code: string, basisPoints: number, extra: { minimum?: number } = {}): Promise<void> {
  const result = await t.system.commands.coupon.send(
    {
      type: 'DefineCoupon',
      data: {
        code,
        discount: { kind: 'percentage', basisPoints },
        minimumOrder: extra.minimum === undefined ? null : { amount: extra.minimum, currency: 'USD' },
        validFrom: new Date(Date.now() - 3600_000).toISOString(),
        validUntil: new Date(Date.now() + 30 * 86400_000).toISOString(),
        totalUsageLimit: null,
        perCustomerLimit: null,
        at: new Date().toISOString(),
      },
    },
    { commandId: randomUUID() },
  );
  expect(result.ok).toBe(true);
}

/** A request with a JSON body (or raw text), an optional token and an optional Idempotency-Key. */
export function send(
  t: TestApp,
  method: 'POST' | 'PUT' | 'DELETE' | 'GET',
  url: string,
  options: { body?: unknown; raw?: string; token?: string | undefined; key?: string } = {},
): Promise<LightMyRequestResponse> {
  const hasBody = options.body !== undefined || options.raw !== undefined;
  return t.request({
    method,
    url,
    ...(options.token ? { token: options.token } : {}),
    headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...(options.key ? { 'idempotency-key': options.key } : {}) },
    ...(hasBody ? { payload: options.raw ?? JSON.stringify(options.body) } : {}),
  });
}

/** A guest (or the token's customer) cart holding `quantity` of `sku`. */
export async function cartWith(t: TestApp, sku: string, quantity: number, token?: string): Promise<string> {
  const opened = await send(t, 'POST', '/api/v1/carts', { token });
  expect(opened.statusCode).toBe(201);
  const { cartId } = opened.json<{ cartId: string }>();
  const added = await send(t, 'POST', `/api/v1/carts/${cartId}/items`, { body: { sku, quantity }, token });
  expect(added.statusCode, added.body).toBe(200);
  return cartId;
}

export const checkoutBody = (payment: unknown = approveCard, email: string | null = 'guest@example.com') => ({
  shippingAddress: address,
  shippingOption: 'standard',
  payment,
  ...(email ? { email } : {}),
});

/** Where the log stands before a request that must append nothing. */
export async function mark(t: TestApp): Promise<Position | undefined> {
  return t.system.store.headPosition();
}

/**
 * Nothing the request did reached the log: no event after `before` carries its request id (every
 * command of these routes is correlated with it). Sagas of earlier tests may still be appending
 * their own events meanwhile, which is why the head alone cannot tell.
 */
export async function expectNothingAppended(t: TestApp, before: Position | undefined, response: LightMyRequestResponse): Promise<void> {
  const requestId = response.headers['x-request-id'];
  expect(typeof requestId).toBe('string');
  const events = await t.system.store.readAll(before ? { after: before } : {});
  expect(events.filter((event) => event.metadata.correlationId === requestId).map((event) => event.type)).toEqual([]);
}

export function expectProblem(response: LightMyRequestResponse, status: number, type?: string): void {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toContain('application/problem+json');
  if (type) expect(response.json()).toMatchObject({ type });
}
