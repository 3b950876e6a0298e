import type { CartCommand } from '../../../domain/cart/index.js';
import type { CategoryCommand } from '../../../domain/category/index.js';
import type { InventoryCommand } from '../../../domain/inventory/index.js';
import type { PlaceOrder } from '../../../domain/order/index.js';
import type { CreateProduct, ProductCommand } from '../../../domain/product/index.js';
import type { Actor, Money } from '../../../domain/shared/index.js';

/* Command builders for the read models' example tests: real commands, sent through the real handlers. */

export const T0 = Date.parse('2026-03-02T09:00:00.000Z');
/** `T0` plus some hours: every test tells its story in hours from a fixed Monday morning. */
export const hours = (h: number): string => new Date(T0 + h * 3_600_000).toISOString();

export const usd = (amount: number): Money => ({ amount, currency: 'USD' });
export const eur = (amount: number): Money => ({ amount, currency: 'EUR' });
export const sellerActor = (sellerId: string): Actor => ({ userId: sellerId, roles: ['seller'] });
export const adminActor: Actor = { userId: 'admin-1', roles: ['admin'] };

export const createCategory = (categoryId: string, name: string, parentId: string | null = null): CategoryCommand => ({
  type: 'CreateCategory',
  data: { categoryId, name, slug: name.toLowerCase().replaceAll(/[^a-z0-9]+/g, '-'), parentId },
});

export const createProduct = (productId: string, overrides: Partial<CreateProduct['data']> = {}): ProductCommand => {
  const sellerId = overrides.sellerId ?? 'seller-1';
  return {
    type: 'CreateProduct',
    data: {
      actor: sellerActor(sellerId),
      productId,
      sellerId,
      title: `Product ${productId}`,
      description: 'A fine thing',
      brand: 'Acme',
      categoryId: 'cat-root',
      imageUrls: [`https://img.example.com/${productId}.jpg`],
      attributes: {},
      variants: [{ sku: `${productId}-SKU`, price: usd(1000), attributes: {} }],
      ...overrides,
    },
  };
};

export const publishProduct = (productId: string, sellerId = 'seller-1'): ProductCommand => ({
  type: 'PublishProduct',
  data: { actor: sellerActor(sellerId), productId },
});

export const receiveStock = (sku: string, quantity: number, at = hours(0)): InventoryCommand => ({
  type: 'ReceiveStock',
  data: { sku, warehouseId: 'main', quantity, at },
});

export const reserveStock = (sku: string, reservationId: string, quantity: number, at = hours(0)): InventoryCommand => ({
  type: 'ReserveStock',
  data: { sku, reservationId, orderId: `order-of-${reservationId}`, quantity, expiresAt: new Date(Date.parse(at) + 15 * 60_000).toISOString(), at },
});

export const openCart = (cartId: string, customerId: string | null, at = hours(0)): CartCommand => ({
  type: 'OpenCart',
  data: { cartId, owner: customerId === null ? { kind: 'guest' } : { kind: 'customer', customerId }, currency: 'USD', at },
});

export const addCartItem = (cartId: string, sku: string, quantity: number, unitPrice: Money, at = hours(0)): CartCommand => ({
  type: 'AddCartItem',
  data: { cartId, sku, productId: `product-of-${sku}`, quantity, unitPrice, at },
});

export interface OrderLineSpec {
  readonly sku: string;
  readonly productId: string;
  readonly sellerId: string;
  readonly quantity: number;
  readonly unitPrice: Money;
}

export const placeOrder = (orderId: string, customerId: string, lines: readonly OrderLineSpec[], at = hours(0)): PlaceOrder => ({
  type: 'PlaceOrder',
  data: {
    orderId,
    customerId,
    guestEmail: null,
    cartId: null,
    lines: [...lines],
    couponCode: null,
    discount: { amount: 0, currency: lines[0]?.unitPrice.currency ?? 'USD' },
    shippingAddress: { name: 'Ada Lovelace', line1: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'US' },
    shippingOption: 'standard',
    paymentToken: 'tok_sandbox_approve',
    cardLast4: '4242',
    at,
  },
});
