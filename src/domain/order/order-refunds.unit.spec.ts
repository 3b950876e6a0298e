import { describe, expect, it } from 'vitest';
import { money } from '../shared/index.js';
import {
  approveReturn,
  cancel,
  confirm,
  delivered,
  eur,
  extend,
  history,
  orderAfter,
  place,
  receiveReturn,
  refund,
  requestReturn,
  when,
} from './order.fixtures.js';

const cancelledPaid = () => history(place(), confirm(), cancel());

describe('order: recording refunds', () => {
  it('records a refund with the running total', () => {
    expect(when(cancelledPaid(), refund(5949))).toEqual([
      { type: 'OrderRefunded', data: { ...refund(5949).data, refundedTotal: eur(5949) } },
    ]);
    expect(orderAfter(extend(cancelledPaid(), refund(5949)))).toMatchObject({ status: 'REFUNDED', refundedTotal: eur(5949) });
  });

  it('keeps a partial refund pending until the rest arrives', () => {
    const partial = extend(cancelledPaid(), refund(2000, 'r1'));
    expect(orderAfter(partial)).toMatchObject({ status: 'REFUND_PENDING', refundedTotal: eur(2000) });
    const rest = orderAfter(extend(partial, refund(3949, 'r2')));
    expect(rest).toMatchObject({ status: 'REFUNDED', refundedTotal: eur(5949) });
    expect(rest.statusHistory.map((change) => change.status).slice(-3)).toEqual(['CANCELLED', 'REFUND_PENDING', 'REFUNDED']);
  });

  it('settles a partial return once its own value is refunded', () => {
    const received = extend(delivered(), requestReturn(), approveReturn(), receiveReturn());
    expect(orderAfter(extend(received, refund(1607)))).toMatchObject({ status: 'REFUNDED', refundedTotal: eur(1607) });
  });

  it('treats a repeated refund id as a retry', () => {
    expect(when(extend(cancelledPaid(), refund(2000, 'r1')), refund(2000, 'r1'))).toEqual([]);
  });

  it('never refunds more than the order total', () => {
    expect(when(extend(cancelledPaid(), refund(5000, 'r1')), refund(950, 'r2'))).toMatchObject({
      code: 'REFUND_EXCEEDS_TOTAL',
      details: { total: eur(5949), refundedTotal: eur(5000) },
    });
  });

  it('only records refunds that were asked for', () => {
    expect(when(history(place(), confirm()), refund(100))).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      details: { from: 'CONFIRMED', command: 'RecordRefund' },
    });
    expect(when(extend(cancelledPaid(), refund(5949)), refund(1, 'r2'))).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { from: 'REFUNDED' } });
  });

  it('refuses a refund from another payment, in another currency, or of nothing', () => {
    expect(when(cancelledPaid(), refund(100, 'r1', 'pay-9'))).toMatchObject({ code: 'PAYMENT_MISMATCH' });
    const usd = { type: 'RecordRefund' as const, data: { ...refund(100).data, amount: money(100, 'USD') } };
    expect(when(cancelledPaid(), usd)).toMatchObject({ code: 'CURRENCY_MISMATCH' });
    expect(when(cancelledPaid(), refund(0))).toMatchObject({ code: 'INVALID_AMOUNT' });
  });
});
