import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDomainError, money } from '../shared/index.js';
import { at, line } from './cart.fixtures.js';
import type { CartCommand } from './commands.js';
import { decide } from './decide.js';
import { cartEventSchema } from './events.js';
import { linesTotal } from './lines.js';
import { evolve, initialState, type CartState } from './state.js';

const sku = fc.constantFrom('A', 'B', 'C', 'D');
const quantity = fc.integer({ min: 1, max: 50 });
const price = fc.integer({ min: 0, max: 100_000 });
const day = fc.integer({ min: 0, max: 60 });
const currency = fc.constantFrom('USD', 'USD', 'USD', 'EUR');

const command: fc.Arbitrary<CartCommand> = fc.oneof(
  fc.record({ sku, quantity, price, day, currency }).map(({ sku, quantity, price, day, currency }) => ({
    type: 'AddCartItem' as const,
    data: { cartId: 'cart-c', ...line(sku, quantity), unitPrice: money(price, currency), at: at(day) },
  })),
  fc.record({ sku, quantity, day }).map(({ sku, quantity, day }) => ({
    type: 'ChangeCartItemQuantity' as const,
    data: { cartId: 'cart-c', sku, quantity, at: at(day) },
  })),
  fc.record({ sku, day }).map(({ sku, day }) => ({ type: 'RemoveCartItem' as const, data: { cartId: 'cart-c', sku, at: at(day) } })),
  fc
    .record({ lines: fc.array(fc.record({ sku, quantity, price }), { maxLength: 4 }), source: fc.constantFrom('g1', 'g2'), day })
    .map(({ lines, source, day }) => ({
      type: 'MergeGuestCart' as const,
      data: { cartId: 'cart-c', sourceCartId: source, lines: lines.map((l) => line(l.sku, l.quantity, l.price)), at: at(day) },
    })),
  fc.record({ code: fc.constantFrom('A10', 'B20'), day }).map(({ code, day }) => ({
    type: 'ApplyCoupon' as const,
    data: { cartId: 'cart-c', code, at: at(day) },
  })),
  day.map((d) => ({ type: 'RemoveCoupon' as const, data: { cartId: 'cart-c', at: at(d) } })),
  fc.record({ orderId: fc.constantFrom('o1', 'o2'), day }).map(({ orderId, day }) => ({
    type: 'CheckOutCart' as const,
    data: { cartId: 'cart-c', orderId, at: at(day) },
  })),
  day.map((d) => ({ type: 'ExpireCart' as const, data: { cartId: 'cart-c', at: at(d) } })),
);

const owner = fc.constantFrom({ kind: 'guest' as const }, { kind: 'customer' as const, customerId: 'cust-1' });

describe('cart invariants', () => {
  it('keeps every quantity positive, the total equal to the sum of lines, and a closed cart unchanged', () => {
    fc.assert(
      fc.property(owner, fc.array(command, { maxLength: 40 }), (who, commands) => {
        let state: CartState = evolve(initialState(), { type: 'CartOpened', data: { cartId: 'cart-c', owner: who, currency: 'USD', at: at(0) } });
        for (const next of commands) {
          const decision = decide(next, state);
          if (isDomainError(decision)) continue;
          const before = state;
          for (const event of decision) {
            expect(cartEventSchema.safeParse(event).success).toBe(true);
            state = evolve(state, event);
          }
          const cart = state;
          if (cart.status === 'NONE') throw new Error('an opened cart never goes back to NONE');
          if (before.status !== 'NONE' && before.status !== 'OPEN') expect(cart).toEqual(before);
          expect(cart.lines.every((l) => Number.isInteger(l.quantity) && l.quantity > 0)).toBe(true);
          expect(new Set(cart.lines.map((l) => l.sku)).size).toBe(cart.lines.length);
          expect(cart.total).toEqual(linesTotal(cart.lines, cart.currency));
          expect(cart.lines.every((l) => l.unitPrice.currency === cart.currency)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
