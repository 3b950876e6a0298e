import { describe, expect, it } from 'vitest';
import { money } from '../shared/index.js';
import { added, customer, line, opened, stateAfter, T0, usd, when } from './cart.fixtures.js';
import { cartCommandSchema } from './commands.js';
import { cartEventSchema } from './events.js';

describe('cart: opening', () => {
  it('opens a cart for a guest', () => {
    const data = { cartId: 'cart-a', owner: { kind: 'guest' as const }, currency: 'USD', at: T0 };
    expect(when([], { type: 'OpenCart', data })).toEqual([{ type: 'CartOpened', data }]);
  });

  it('treats opening again with the same owner and currency as a retry', () => {
    expect(when([opened()], { type: 'OpenCart', data: { cartId: 'cart-a', owner: { kind: 'guest' }, currency: 'USD', at: T0 } })).toEqual([]);
  });

  it('rejects opening an existing cart for someone else', () => {
    expect(when([opened()], { type: 'OpenCart', data: { cartId: 'cart-a', owner: customer, currency: 'USD', at: T0 } })).toMatchObject({
      code: 'CART_ALREADY_EXISTS',
    });
  });

  it('rejects commands for a cart that was never opened', () => {
    expect(when([], { type: 'AddCartItem', data: { cartId: 'cart-a', ...line('A', 1), at: T0 } })).toMatchObject({ code: 'CART_NOT_FOUND' });
  });
});

describe('cart: items', () => {
  it('adds an item with its price snapshot', () => {
    const decision = when([opened()], { type: 'AddCartItem', data: { cartId: 'cart-a', ...line('A', 2, 1500), at: T0 } });
    expect(decision).toEqual([added('A', 2, 1500)]);
    expect(Array.isArray(decision) && decision.every((e) => cartEventSchema.safeParse(e).success)).toBe(true);
  });

  it('adds up the quantity when the SKU is already in the cart, at the newest price', () => {
    const state = stateAfter([opened(), added('A', 2, 1000), added('A', 3, 1200)]);
    expect(state).toMatchObject({ lines: [line('A', 5, 1200)], total: usd(6000) });
  });

  it('rejects a price in another currency', () => {
    const decision = when([opened()], {
      type: 'AddCartItem',
      data: { cartId: 'cart-a', sku: 'A', productId: 'p', quantity: 1, unitPrice: money(100, 'EUR'), at: T0 },
    });
    expect(decision).toMatchObject({ code: 'CURRENCY_MISMATCH', details: { expected: 'USD', actual: 'EUR' } });
  });

  it('changes the quantity of a line', () => {
    const data = { cartId: 'cart-a', sku: 'A', quantity: 7, at: T0 };
    expect(when([opened(), added('A', 2)], { type: 'ChangeCartItemQuantity', data })).toEqual([{ type: 'CartItemQuantityChanged', data }]);
    expect(stateAfter([opened(), added('A', 2), { type: 'CartItemQuantityChanged', data }])).toMatchObject({ total: usd(7000) });
  });

  it('ignores a change to the quantity the line already has', () => {
    expect(when([opened(), added('A', 2)], { type: 'ChangeCartItemQuantity', data: { cartId: 'cart-a', sku: 'A', quantity: 2, at: T0 } })).toEqual([]);
  });

  it('rejects changing a line that is not in the cart', () => {
    expect(when([opened()], { type: 'ChangeCartItemQuantity', data: { cartId: 'cart-a', sku: 'A', quantity: 2, at: T0 } })).toMatchObject({
      code: 'CART_ITEM_NOT_FOUND',
    });
  });

  it('removes a line', () => {
    const data = { cartId: 'cart-a', sku: 'A', at: T0 };
    expect(when([opened(), added('A', 2)], { type: 'RemoveCartItem', data })).toEqual([{ type: 'CartItemRemoved', data }]);
    expect(stateAfter([opened(), added('A', 2), added('B', 1), { type: 'CartItemRemoved', data }])).toMatchObject({
      lines: [line('B', 1)],
      total: usd(1000),
    });
  });

  it('rejects removing a line that is not in the cart', () => {
    expect(when([opened()], { type: 'RemoveCartItem', data: { cartId: 'cart-a', sku: 'A', at: T0 } })).toMatchObject({
      code: 'CART_ITEM_NOT_FOUND',
    });
  });
});

describe('cart: coupons', () => {
  it('normalises coupon codes at the edge', () => {
    const parsed = cartCommandSchema.parse({ type: 'ApplyCoupon', data: { cartId: 'cart-a', code: ' save10 ', at: T0 } });
    expect(parsed.data).toMatchObject({ code: 'SAVE10' });
  });

  it('applies a coupon', () => {
    const data = { cartId: 'cart-a', code: 'SAVE10', at: T0 };
    expect(when([opened()], { type: 'ApplyCoupon', data })).toEqual([{ type: 'CouponApplied', data }]);
  });

  it('ignores applying the coupon already applied, and replaces another one', () => {
    const applied = { type: 'CouponApplied' as const, data: { cartId: 'cart-a', code: 'SAVE10', at: T0 } };
    expect(when([opened(), applied], { type: 'ApplyCoupon', data: { cartId: 'cart-a', code: 'SAVE10', at: T0 } })).toEqual([]);
    expect(when([opened(), applied], { type: 'ApplyCoupon', data: { cartId: 'cart-a', code: 'WELCOME', at: T0 } })).toHaveLength(1);
  });

  it('removes the applied coupon, naming it in the event', () => {
    const applied = { type: 'CouponApplied' as const, data: { cartId: 'cart-a', code: 'SAVE10', at: T0 } };
    expect(when([opened(), applied], { type: 'RemoveCoupon', data: { cartId: 'cart-a', at: T0 } })).toEqual([
      { type: 'CouponRemoved', data: { cartId: 'cart-a', code: 'SAVE10', at: T0 } },
    ]);
  });

  it('rejects removing a coupon when there is none', () => {
    expect(when([opened()], { type: 'RemoveCoupon', data: { cartId: 'cart-a', at: T0 } })).toMatchObject({ code: 'COUPON_NOT_APPLIED' });
  });
});
