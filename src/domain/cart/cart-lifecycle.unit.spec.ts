import { describe, expect, it } from 'vitest';
import { added, at, cartAfter, customer, guest, line, opened, T0, when } from './cart.fixtures.js';
import type { CartEvent } from './events.js';
import { cartExpiresAt } from './state.js';

const checkedOut = (orderId = 'order-1'): CartEvent => ({
  type: 'CartCheckedOut',
  data: { cartId: 'cart-a', orderId, lines: [line('A', 2)], couponCode: null, at: T0 },
});

describe('cart: checkout', () => {
  it('checks out with a snapshot of the lines and coupon', () => {
    const applied: CartEvent = { type: 'CouponApplied', data: { cartId: 'cart-a', code: 'SAVE10', at: T0 } };
    expect(when([opened(), added('A', 2), applied], { type: 'CheckOutCart', data: { cartId: 'cart-a', orderId: 'order-1', at: T0 } })).toEqual([
      { type: 'CartCheckedOut', data: { cartId: 'cart-a', orderId: 'order-1', lines: [line('A', 2)], couponCode: 'SAVE10', at: T0 } },
    ]);
  });

  it('treats checking out again for the same order as a retry', () => {
    expect(when([opened(), added('A', 2), checkedOut()], { type: 'CheckOutCart', data: { cartId: 'cart-a', orderId: 'order-1', at: T0 } })).toEqual(
      [],
    );
  });

  it('refuses a second checkout for another order', () => {
    expect(
      when([opened(), added('A', 2), checkedOut()], { type: 'CheckOutCart', data: { cartId: 'cart-a', orderId: 'order-2', at: T0 } }),
    ).toMatchObject({ code: 'CART_ALREADY_CHECKED_OUT', details: { orderId: 'order-1' } });
  });

  it('refuses to check out an empty cart', () => {
    expect(when([opened()], { type: 'CheckOutCart', data: { cartId: 'cart-a', orderId: 'order-1', at: T0 } })).toMatchObject({ code: 'CART_EMPTY' });
  });
});

describe('cart: expiry', () => {
  it('expires a guest cart idle for 7 days', () => {
    expect(when([opened(guest), added('A', 1, 1000, at(1))], { type: 'ExpireCart', data: { cartId: 'cart-a', at: at(8) } })).toEqual([
      { type: 'CartExpired', data: { cartId: 'cart-a', lastActivityAt: at(1), at: at(8) } },
    ]);
  });

  it('refuses to expire a guest cart active less than 7 days ago', () => {
    expect(when([opened(guest), added('A', 1, 1000, at(1))], { type: 'ExpireCart', data: { cartId: 'cart-a', at: at(7, 23) } })).toMatchObject({
      code: 'CART_NOT_IDLE',
      details: { lastActivityAt: at(1), expiresAt: at(8) },
    });
  });

  it('gives customer carts 30 days', () => {
    const given = [opened(customer)];
    expect(when(given, { type: 'ExpireCart', data: { cartId: 'cart-a', at: at(29) } })).toMatchObject({ code: 'CART_NOT_IDLE' });
    expect(when(given, { type: 'ExpireCart', data: { cartId: 'cart-a', at: at(30) } })).toHaveLength(1);
    expect(cartExpiresAt(cartAfter(given))).toBe(at(30));
  });

  it('treats expiring an expired cart as a retry', () => {
    const expired: CartEvent = { type: 'CartExpired', data: { cartId: 'cart-a', lastActivityAt: T0, at: at(8) } };
    expect(when([opened(), expired], { type: 'ExpireCart', data: { cartId: 'cart-a', at: at(9) } })).toEqual([]);
  });
});

describe('cart: closed carts never change', () => {
  const expired: CartEvent = { type: 'CartExpired', data: { cartId: 'cart-a', lastActivityAt: T0, at: at(8) } };
  const merged: CartEvent = { type: 'CartMergedInto', data: { cartId: 'cart-a', targetCartId: 'cart-b', at: T0 } };

  it.each([
    ['checked out', checkedOut()],
    ['expired', expired],
    ['merged', merged],
  ])('refuses changes once %s', (_, closing) => {
    const given = [opened(), added('A', 2), closing];
    const commands = [
      { type: 'AddCartItem' as const, data: { cartId: 'cart-a', ...line('B', 1), at: T0 } },
      { type: 'ChangeCartItemQuantity' as const, data: { cartId: 'cart-a', sku: 'A', quantity: 1, at: T0 } },
      { type: 'RemoveCartItem' as const, data: { cartId: 'cart-a', sku: 'A', at: T0 } },
      { type: 'ApplyCoupon' as const, data: { cartId: 'cart-a', code: 'XMAS', at: T0 } },
      { type: 'RemoveCoupon' as const, data: { cartId: 'cart-a', at: T0 } },
    ];
    for (const command of commands) expect(when(given, command)).toMatchObject({ code: 'CART_CLOSED' });
  });

  it('refuses checkout of an expired or merged cart, and expiry of a checked-out one', () => {
    const checkout = { type: 'CheckOutCart' as const, data: { cartId: 'cart-a', orderId: 'order-1', at: T0 } };
    expect(when([opened(), added('A', 2), expired], checkout)).toMatchObject({ code: 'CART_CLOSED' });
    expect(when([opened(), added('A', 2), merged], checkout)).toMatchObject({ code: 'CART_CLOSED' });
    expect(when([opened(), added('A', 2), checkedOut()], { type: 'ExpireCart', data: { cartId: 'cart-a', at: at(60) } })).toMatchObject({
      code: 'CART_CLOSED',
    });
  });
});
