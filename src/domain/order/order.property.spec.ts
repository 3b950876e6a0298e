import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDomainError, money } from '../shared/index.js';
import type { OrderCommand } from './commands.js';
import { decide } from './decide.js';
import { orderEventSchema } from './events.js';
import { at, ORDER_ID } from './order.fixtures.js';
import { priceOrder } from './pricing.js';
import { evolve, initialState, type OrderState } from './state.js';
import { canTransition } from './transitions.js';

const id = { orderId: ORDER_ID };
const day = fc.integer({ min: 0, max: 45 });
const sku = fc.constantFrom('A', 'B', 'C');
const lines = fc.uniqueArray(fc.record({ sku, quantity: fc.integer({ min: 1, max: 3 }), price: fc.integer({ min: 0, max: 2500 }) }), {
  selector: (line) => line.sku,
  minLength: 1,
});

const placement = fc
  .record({
    lines,
    discountShare: fc.double({ min: 0, max: 1, noNaN: true }),
    option: fc.constantFrom('standard' as const, 'express' as const, 'next_day' as const),
    country: fc.constantFrom('US', 'DE', 'FR', 'GB', 'NL', 'JP'),
  })
  .map(({ lines, discountShare, option, country }): OrderCommand => {
    const subtotal = lines.reduce((sum, line) => sum + line.quantity * line.price, 0);
    return {
      type: 'PlaceOrder',
      data: {
        ...id,
        customerId: 'cust-1',
        guestEmail: null,
        cartId: null,
        lines: lines.map((line) => ({ sku: line.sku, productId: `p-${line.sku}`, sellerId: 's-1', quantity: line.quantity, unitPrice: money(line.price, 'EUR') })),
        couponCode: null,
        discount: money(Math.floor(subtotal * discountShare), 'EUR'),
        shippingAddress: { name: 'N', line1: 'L', city: 'C', postalCode: 'P', country },
        shippingOption: option,
        paymentToken: 'tok_x',
        cardLast4: '1111',
        at: at(0),
      },
    };
  });

/** Mostly the payment the order was confirmed with, so that refunds get recorded often enough to matter. */
const paymentId = fc.constantFrom('pay-1', 'pay-1', 'pay-1', 'pay-2');

/**
 * Refund amounts are drawn as a plan and sized against the order when applied (see `sized`):
 * negative numbers stand for "what is still owed" (-1), "a part of it" (-2) and "one more than
 * that" (-3), since random absolute amounts would almost never settle a refund exactly.
 */
const refundSize = fc.oneof(fc.constantFrom(-1, -2, -3), fc.integer({ min: 1, max: 10_000 }));

function sized(command: OrderCommand, state: OrderState): OrderCommand {
  if (command.type !== 'RecordRefund' || command.data.amount.amount > 0 || state.status === 'NONE') return command;
  const owed = Math.max(1, state.refundRequested.amount - state.refundedTotal.amount);
  const amount = { [-1]: owed, [-2]: Math.max(1, Math.floor(owed / 3)), [-3]: owed + 1 }[command.data.amount.amount] ?? owed;
  return { ...command, data: { ...command.data, amount: money(amount, 'EUR') } };
}

const w = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ weight, arbitrary });
const simple = <Type extends string>(type: Type) => day.map((d) => ({ type, data: { ...id, at: at(d) } }));

/**
 * Weighted so that random walks get deep into the life cycle: the steps that end an order early
 * (reject, cancel, reject a return) are rare, the steps towards returns and refunds are common.
 */
const command: fc.Arbitrary<OrderCommand> = fc.oneof(
  w(3, fc.record({ paymentId, d: day }).map(({ paymentId, d }) => ({ type: 'ConfirmOrder' as const, data: { ...id, paymentId, at: at(d) } }))),
  w(1, day.map((d) => ({ type: 'RejectOrder' as const, data: { ...id, reason: 'OUT_OF_STOCK' as const, at: at(d) } }))),
  w(3, simple('StartProcessing')),
  w(
    3,
    fc.record({ tracking: fc.constantFrom('T1', 'T2'), d: day }).map(({ tracking, d }) => ({
      type: 'ShipOrder' as const,
      data: { ...id, carrier: 'DHL', trackingNumber: tracking, at: at(d) },
    })),
  ),
  w(3, simple('DeliverOrder')),
  w(2, simple('CompleteOrder')),
  w(1, day.map((d) => ({ type: 'CancelOrder' as const, data: { ...id, reason: 'r', by: 'staff' as const, at: at(d) } }))),
  w(
    3,
    fc
      .record({ returned: fc.uniqueArray(fc.record({ sku, quantity: fc.integer({ min: 1, max: 3 }) }), { selector: (l) => l.sku, minLength: 1 }), d: day })
      .map(({ returned, d }) => ({ type: 'RequestReturn' as const, data: { ...id, lines: returned, reason: 'r', at: at(d) } })),
  ),
  w(3, simple('ApproveReturn')),
  w(1, day.map((d) => ({ type: 'RejectReturn' as const, data: { ...id, reason: 'r', at: at(d) } }))),
  w(3, simple('ReceiveReturn')),
  w(
    5,
    fc.record({ size: refundSize, refundId: fc.constantFrom('r1', 'r2', 'r3', 'r4'), paymentId, d: day }).map(({ size, refundId, paymentId, d }) => ({
      type: 'RecordRefund' as const,
      data: { ...id, paymentId, refundId, amount: money(size, 'EUR'), at: at(d) },
    })),
  ),
);

describe('order invariants', () => {
  it('only ever moves along canTransition, and never refunds more than the total', () => {
    fc.assert(
      fc.property(placement, fc.array(command, { maxLength: 60, size: 'max' }), (place, commands) => {
        let state: OrderState = initialState();
        for (const planned of [place, ...commands]) {
          const decision = decide(sized(planned, state), state);
          if (isDomainError(decision)) continue;
          for (const event of decision) {
            expect(orderEventSchema.safeParse(event).success).toBe(true);
            state = evolve(state, event);
          }
          const order = state;
          if (order.status === 'NONE') throw new Error('a placed order never goes back to NONE');
          const history = order.statusHistory;
          history.slice(1).forEach((change, i) => expect(canTransition(history[i]?.status ?? 'PENDING', change.status)).toBe(true));
          expect(history.at(-1)?.status).toBe(order.status);
          expect(order.refundedTotal.amount).toBeGreaterThanOrEqual(0);
          expect(order.refundedTotal.amount).toBeLessThanOrEqual(order.pricing.total.amount);
          expect(order.refundRequested.amount).toBeLessThanOrEqual(order.pricing.total.amount);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('prices every order as subtotal - discount + shipping + tax, with nothing negative', () => {
    fc.assert(
      fc.property(placement, (place) => {
        if (place.type !== 'PlaceOrder') return;
        const pricing = priceOrder(place.data.lines, place.data.discount, place.data.shippingOption, place.data.shippingAddress.country);
        if (isDomainError(pricing)) throw new Error(pricing.code);
        const { subtotal, discount, shipping, tax, total } = pricing;
        expect(total.amount).toBe(subtotal.amount - discount.amount + shipping.amount + tax.amount);
        expect([subtotal, discount, shipping, tax, total].every((amount) => amount.amount >= 0 && amount.currency === 'EUR')).toBe(true);
      }),
    );
  });
});
