import { randomUUID } from 'node:crypto';
import { waitUntilSettled } from '../../../commands/checkout/checkout.fixtures.js';
import { formatPosition } from '../../../eventstore/position.js';
import { testTokens } from '../../../payments/test-cards.js';
import type { TestApp } from '../../testing/http-harness.js';

/* A shop built through the command side, for the route tests: real commands through the real handlers. */

const ctx = () => ({ commandId: randomUUID() });

function ok<T extends { ok: boolean }>(result: T, what: string): T {
  if (!result.ok) throw new Error(`${what} failed: ${JSON.stringify((result as { error?: unknown }).error)}`);
  return result;
}

export async function createCategory(t: TestApp, name: string, parentId: string | null = null): Promise<string> {
  const categoryId = `cat-${randomUUID().slice(0, 8)}`;
  const slug = `${name.toLowerCase().replaceAll(/[^a-z0-9]+/g, '-')}-${categoryId.slice(4)}`;
  ok(await t.system.commands.category.send({ type: 'CreateCategory', data: { categoryId, name, slug, parentId } }, ctx()), 'CreateCategory');
  return categoryId;
}

export interface ProductSpec {
  readonly sellerId: string;
  readonly categoryId: string;
  readonly title: string;
  readonly brand?: string;
  readonly description?: string;
  readonly amount?: number;
  readonly currency?: string;
  /** Default true; false leaves a draft. */
  readonly publish?: boolean;
  /** Units received into stock (default 0). */
  readonly stock?: number;
}

export interface CreatedProduct {
  readonly productId: string;
  readonly sku: string;
  readonly sellerId: string;
  readonly amount: number;
}

export async function createProduct(t: TestApp, spec: ProductSpec): Promise<CreatedProduct> {
  const productId = randomUUID();
  const sku = `SKU-${productId.slice(0, 8)}`;
  const actor = { userId: spec.sellerId, roles: ['seller' as const] };
  const amount = spec.amount ?? 1999;
  const { commands } = t.system;
  ok(
    await commands.product.send(
      {
        type: 'CreateProduct',
        data: {
          actor,
          productId,
          sellerId: spec.sellerId,
          title: spec.title,
          description: spec.description ?? `${spec.title}, described`,
          brand: spec.brand ?? 'Acme',
          categoryId: spec.categoryId,
          imageUrls: [`https://img.example.com/${productId}.jpg`],
          attributes: {},
          variants: [{ sku, price: { amount, currency: spec.currency ?? 'USD' }, attributes: {} }],
        },
      },
      ctx(),
    ),
    'CreateProduct',
  );
  if (spec.publish !== false) ok(await commands.product.send({ type: 'PublishProduct', data: { actor, productId } }, ctx()), 'PublishProduct');
  if (spec.stock) {
    ok(await commands.inventory.send({ type: 'ReceiveStock', data: { sku, warehouseId: 'main', quantity: spec.stock, at: new Date().toISOString() } }, ctx()), 'ReceiveStock');
  }
  return { productId, sku, sellerId: spec.sellerId, amount };
}

/** Places an order through the command side and waits for the checkout saga to settle it. */
export async function placeSettledOrder(t: TestApp, customerId: string, products: readonly CreatedProduct[]): Promise<{ orderId: string; status: string }> {
  const orderId = randomUUID();
  ok(
    await t.system.commands.order.send(
      {
        type: 'PlaceOrder',
        data: {
          orderId,
          customerId,
          guestEmail: null,
          cartId: null,
          lines: products.map((p) => ({ sku: p.sku, productId: p.productId, sellerId: p.sellerId, quantity: 1, unitPrice: { amount: p.amount, currency: 'USD' } })),
          couponCode: null,
          discount: { amount: 0, currency: 'USD' },
          shippingAddress: { name: 'Ada Lovelace', line1: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'US' },
          shippingOption: 'standard',
          paymentToken: testTokens.approve,
          cardLast4: '4242',
          at: new Date().toISOString(),
        },
      },
      ctx(),
    ),
    'PlaceOrder',
  );
  const states = await waitUntilSettled(t.system.commands, [orderId], 20_000);
  return { orderId, status: states.get(orderId)?.status ?? 'NONE' };
}

/** The log's head as a `?position=` value: a read with it waits until its projection shows everything so far. */
export async function headPosition(t: TestApp): Promise<string> {
  const head = await t.system.store.headPosition();
  return head ? formatPosition(head) : '0.0';
}
