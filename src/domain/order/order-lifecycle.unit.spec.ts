import { describe, expect, it } from 'vitest';
import {
  at,
  cancel,
  complete,
  confirm,
  deliver,
  delivered,
  eur,
  history,
  ORDER_ID,
  orderAfter,
  place,
  ship,
  startProcessing,
  when,
} from './order.fixtures.js';

const reject = (reason: 'OUT_OF_STOCK' | 'PAYMENT_DECLINED' = 'OUT_OF_STOCK', details?: string) => ({
  type: 'RejectOrder' as const,
  data: { orderId: ORDER_ID, reason, ...(details === undefined ? {} : { details }), at: at(0, 1) },
});

describe('order: saga outcomes', () => {
  it('confirms a pending order with its payment', () => {
    expect(when(history(place()), confirm('pay-1'))).toEqual([{ type: 'OrderConfirmed', data: { orderId: ORDER_ID, paymentId: 'pay-1', at: at(0, 1) } }]);
  });

  it('treats a repeated confirmation with the same payment as a retry, even later on', () => {
    expect(when(history(place(), confirm('pay-1')), confirm('pay-1'))).toEqual([]);
    expect(when(history(place(), confirm('pay-1'), startProcessing()), confirm('pay-1'))).toEqual([]);
  });

  it('refuses a confirmation with another payment, or after a rejection', () => {
    expect(when(history(place(), confirm('pay-1')), confirm('pay-2'))).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      details: { from: 'CONFIRMED', command: 'ConfirmOrder' },
    });
    expect(when(history(place(), reject()), confirm())).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { from: 'REJECTED' } });
  });

  it('rejects a pending order with a reason and details', () => {
    expect(when(history(place()), reject('PAYMENT_DECLINED', 'insufficient funds'))).toEqual([
      { type: 'OrderRejected', data: { orderId: ORDER_ID, reason: 'PAYMENT_DECLINED', details: 'insufficient funds', at: at(0, 1) } },
    ]);
  });

  it('treats a repeated rejection as a retry', () => {
    expect(when(history(place(), reject()), reject('PAYMENT_DECLINED'))).toEqual([]);
  });

  it('refuses to reject a confirmed order', () => {
    expect(when(history(place(), confirm()), reject())).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      details: { from: 'CONFIRMED', command: 'RejectOrder' },
    });
  });
});

describe('order: fulfilment', () => {
  it('goes CONFIRMED, PROCESSING, SHIPPED, DELIVERED, COMPLETED and keeps the history', () => {
    const order = orderAfter(history(place(), confirm(), startProcessing(1), ship(2), deliver(4), complete(5)));
    expect(order.statusHistory).toEqual([
      { status: 'PENDING', at: at(0) },
      { status: 'CONFIRMED', at: at(0, 1) },
      { status: 'PROCESSING', at: at(1) },
      { status: 'SHIPPED', at: at(2) },
      { status: 'DELIVERED', at: at(4) },
      { status: 'COMPLETED', at: at(5) },
    ]);
    expect(order.shipment).toEqual({ carrier: 'DHL', trackingNumber: 'TRK-1', at: at(2) });
    expect(order.deliveredAt).toBe(at(4));
  });

  it('treats repeated fulfilment steps as retries', () => {
    expect(when(history(place(), confirm(), startProcessing()), startProcessing())).toEqual([]);
    expect(when(history(place(), confirm(), startProcessing(), ship()), ship())).toEqual([]);
    expect(when(delivered(), deliver())).toEqual([]);
    expect(when(history(place(), confirm(), startProcessing(), ship(), deliver(), complete()), complete())).toEqual([]);
  });

  it('refuses steps out of order', () => {
    expect(when(history(place()), startProcessing())).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { from: 'PENDING', command: 'StartProcessing' } });
    expect(when(history(place(), confirm()), ship())).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { from: 'CONFIRMED', command: 'ShipOrder' } });
    expect(when(history(place(), confirm()), deliver())).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { command: 'DeliverOrder' } });
    expect(when(history(place(), confirm()), complete())).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { command: 'CompleteOrder' } });
  });

  it('refuses a second shipment with another tracking number', () => {
    expect(when(history(place(), confirm(), startProcessing(), ship(2, 'TRK-1')), ship(3, 'TRK-2'))).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      details: { from: 'SHIPPED' },
    });
  });
});

describe('order: cancellation', () => {
  it('cancels a pending (unpaid) order without a refund', () => {
    const events = when(history(place()), cancel());
    expect(events).toEqual([{ type: 'OrderCancelled', data: { orderId: ORDER_ID, reason: 'changed my mind', by: 'customer', at: at(1) } }]);
  });

  it.each([
    ['CONFIRMED', () => history(place(), confirm())],
    ['PROCESSING', () => history(place(), confirm(), startProcessing())],
  ])('cancels a %s (paid) order and asks for a full refund in the same decision', (_, given) => {
    const events = when(given(), cancel(1));
    expect(events).toEqual([
      { type: 'OrderCancelled', data: { orderId: ORDER_ID, reason: 'changed my mind', by: 'customer', at: at(1) } },
      { type: 'OrderRefundRequested', data: { orderId: ORDER_ID, paymentId: 'pay-1', amount: eur(5949), reason: 'CANCELLATION', at: at(1) } },
    ]);
    if (!Array.isArray(events)) throw new Error('expected events');
    const order = orderAfter([...given(), ...events]);
    expect(order.status).toBe('REFUND_PENDING');
    expect(order.statusHistory.slice(-2).map((change) => change.status)).toEqual(['CANCELLED', 'REFUND_PENDING']);
  });

  it('treats a repeated cancellation as a retry', () => {
    expect(when(history(place(), confirm(), cancel()), cancel(2))).toEqual([]);
  });

  it('refuses to cancel once shipped', () => {
    expect(when(history(place(), confirm(), startProcessing(), ship()), cancel(3))).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      details: { from: 'SHIPPED', command: 'CancelOrder' },
    });
  });
});
