import { describe, expect, it } from 'vitest';
import { money } from '../shared/index.js';
import { added, at, customer, guest, line, opened, stateAfter, T0, usd, when } from './cart.fixtures.js';
import type { CartEvent } from './events.js';

const customerCart = [opened(customer, 'cart-c'), added('A', 1, 1000, T0, 'cart-c')];
const merge = (lines = [line('A', 2), line('B', 1, 500)], sourceCartId = 'cart-g') => ({
  type: 'MergeGuestCart' as const,
  data: { cartId: 'cart-c', sourceCartId, lines, at: at(1) },
});
const mergedEvent = (lines = [line('A', 2), line('B', 1, 500)]): CartEvent => ({
  type: 'GuestCartMerged',
  data: { cartId: 'cart-c', sourceCartId: 'cart-g', lines, at: at(1) },
});

describe('cart: merging a guest cart into the customer cart', () => {
  it('adds the guest lines, quantities adding up', () => {
    expect(when(customerCart, merge())).toEqual([mergedEvent()]);
    expect(stateAfter([...customerCart, mergedEvent()])).toMatchObject({
      lines: [line('A', 3), line('B', 1, 500)],
      total: usd(3500),
      mergedCartIds: ['cart-g'],
      lastActivityAt: at(1),
    });
  });

  it('treats merging the same guest cart again as a retry', () => {
    expect(when([...customerCart, mergedEvent()], merge())).toEqual([]);
  });

  it('only merges into a customer cart', () => {
    expect(when([opened(guest, 'cart-c')], merge())).toMatchObject({ code: 'CART_NOT_CUSTOMER_CART' });
  });

  it('refuses to merge a cart into itself', () => {
    expect(when(customerCart, merge([], 'cart-c'))).toMatchObject({ code: 'CART_MERGE_SELF' });
  });

  it('refuses guest lines in another currency', () => {
    expect(when(customerCart, merge([{ ...line('A', 1), unitPrice: money(10, 'EUR') }]))).toMatchObject({ code: 'CURRENCY_MISMATCH' });
  });

  it('refuses to merge into a closed cart', () => {
    const expired: CartEvent = { type: 'CartExpired', data: { cartId: 'cart-c', lastActivityAt: T0, at: at(40) } };
    expect(when([...customerCart, expired], merge())).toMatchObject({ code: 'CART_CLOSED' });
  });

  it('refuses when the customer cart does not exist', () => {
    expect(when([], merge())).toMatchObject({ code: 'CART_NOT_FOUND' });
  });
});

describe('cart: abandoning the guest cart for the merge', () => {
  const abandon = (targetCartId = 'cart-c') => ({ type: 'AbandonForMerge' as const, data: { cartId: 'cart-g', targetCartId, at: at(1) } });
  const guestCart = [opened(guest, 'cart-g')];

  it('closes the guest cart, naming the target', () => {
    expect(when(guestCart, abandon())).toEqual([{ type: 'CartMergedInto', data: abandon().data }]);
    expect(stateAfter([...guestCart, { type: 'CartMergedInto', data: abandon().data }])).toMatchObject({ status: 'MERGED', mergedInto: 'cart-c' });
  });

  it('treats a repeat for the same target as a retry, and another target as closed', () => {
    const given = [...guestCart, { type: 'CartMergedInto' as const, data: abandon().data }];
    expect(when(given, abandon())).toEqual([]);
    expect(when(given, abandon('cart-x'))).toMatchObject({ code: 'CART_CLOSED' });
  });

  it('only abandons guest carts', () => {
    expect(when([opened(customer, 'cart-g')], abandon())).toMatchObject({ code: 'CART_NOT_GUEST_CART' });
  });

  it('refuses to merge a cart into itself', () => {
    expect(when(guestCart, abandon('cart-g'))).toMatchObject({ code: 'CART_MERGE_SELF' });
  });
});
