import { describe, expect, it } from 'vitest';
import { orderCommandSchema } from './commands.js';
import { orderEventSchema } from './events.js';
import { eur, orderAfter, place, placeOrderData, T0, when } from './order.fixtures.js';

describe('order: placing', () => {
  it('places the order with its full pricing', () => {
    const decision = when([], place());
    const { discount: _discount, ...data } = placeOrderData();
    expect(decision).toEqual([
      {
        type: 'OrderPlaced',
        data: {
          ...data,
          pricing: { subtotal: eur(5000), discount: eur(500), shipping: eur(499), taxRateBasisPoints: 1900, tax: eur(950), total: eur(5949) },
        },
      },
    ]);
    expect(Array.isArray(decision) && orderEventSchema.safeParse(decision[0]).success).toBe(true);
  });

  it('starts PENDING with the placement in its history', () => {
    const placed = when([], place());
    if (!Array.isArray(placed)) throw new Error('expected events');
    expect(orderAfter(placed)).toMatchObject({ status: 'PENDING', statusHistory: [{ status: 'PENDING', at: T0 }] });
  });

  it('accepts a guest order with an email', () => {
    expect(when([], place({ customerId: null, guestEmail: 'ada@example.com' }))).toHaveLength(1);
  });

  it('treats placing the same order again as a retry, and another order under the same id as a conflict', () => {
    const placed = when([], place());
    if (!Array.isArray(placed)) throw new Error('expected events');
    expect(when(placed, place({ at: '2025-03-01T09:00:05.000Z' }))).toEqual([]);
    expect(when(placed, place({ shippingOption: 'express' }))).toMatchObject({ code: 'ORDER_ALREADY_EXISTS' });
  });

  it('needs a customer or a guest email', () => {
    expect(when([], place({ customerId: null, guestEmail: null }))).toMatchObject({ code: 'CUSTOMER_OR_GUEST_REQUIRED' });
    expect(orderCommandSchema.safeParse(place({ customerId: null, guestEmail: null })).success).toBe(false);
  });

  it('refuses the same SKU on two lines', () => {
    const [first] = placeOrderData().lines;
    if (first === undefined) throw new Error('fixture has lines');
    expect(when([], place({ lines: [first, first] }))).toMatchObject({ code: 'DUPLICATE_ORDER_LINE' });
  });

  it('passes pricing errors through', () => {
    expect(when([], place({ discount: eur(6000) }))).toMatchObject({ code: 'INVALID_DISCOUNT' });
  });

  it('never accepts a card number where a token belongs', () => {
    expect(orderCommandSchema.safeParse(place({ paymentToken: '4242 4242 4242 4242' })).success).toBe(false);
    expect(orderCommandSchema.safeParse(place({ paymentToken: '4242424242424242' })).success).toBe(false);
    expect(orderCommandSchema.safeParse(place()).success).toBe(true);
  });

  it('refuses commands for an order that was never placed', () => {
    expect(when([], { type: 'ConfirmOrder', data: { orderId: 'order-1', paymentId: 'pay-1', at: T0 } })).toMatchObject({
      code: 'ORDER_NOT_FOUND',
    });
  });
});
