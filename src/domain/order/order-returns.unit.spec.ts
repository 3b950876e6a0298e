import { describe, expect, it } from 'vitest';
import {
  approveReturn,
  at,
  complete,
  delivered,
  eur,
  extend,
  history,
  ORDER_ID,
  orderAfter,
  place,
  placeOrderData,
  receiveReturn,
  requestReturn,
  when,
} from './order.fixtures.js';
import { checkReturnLines, returnValue } from './returns.js';

const rejectReturn = { type: 'RejectReturn' as const, data: { orderId: ORDER_ID, reason: 'worn', at: at(12) } };

describe('order: requesting a return', () => {
  it('accepts a return up to 30 days after delivery', () => {
    expect(when(delivered(), requestReturn(34))).toEqual([
      { type: 'ReturnRequested', data: { orderId: ORDER_ID, lines: [{ sku: 'A', quantity: 1 }], reason: 'does not fit', at: at(34) } },
    ]);
  });

  it('accepts a return of a completed order', () => {
    expect(when(extend(delivered(), complete()), requestReturn(10))).toHaveLength(1);
  });

  it('refuses a return more than 30 days after delivery', () => {
    const late = requestReturn();
    expect(when(delivered(), { ...late, data: { ...late.data, at: at(34, 1) } })).toMatchObject({
      code: 'RETURN_WINDOW_CLOSED',
      details: { deliveredAt: at(4), deadline: at(34) },
    });
  });

  it('refuses a return before delivery', () => {
    expect(when(history(place()), requestReturn())).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      details: { from: 'PENDING', command: 'RequestReturn' },
    });
  });

  it('refuses unknown SKUs, more items than bought, and repeated SKUs', () => {
    expect(when(delivered(), requestReturn(10, [{ sku: 'Z', quantity: 1 }]))).toMatchObject({ code: 'INVALID_RETURN_LINES' });
    expect(when(delivered(), requestReturn(10, [{ sku: 'A', quantity: 3 }]))).toMatchObject({ code: 'INVALID_RETURN_LINES' });
    const twice = [
      { sku: 'A', quantity: 1 },
      { sku: 'A', quantity: 1 },
    ];
    expect(when(delivered(), requestReturn(10, twice))).toMatchObject({ code: 'INVALID_RETURN_LINES' });
  });

  it('counts what was already returned', () => {
    const { lines } = placeOrderData();
    expect(checkReturnLines(lines, { A: 1 }, [{ sku: 'A', quantity: 1 }])).toBeNull();
    expect(checkReturnLines(lines, { A: 2 }, [{ sku: 'A', quantity: 1 }])).toMatchObject({ details: { sku: 'A', returnable: 0 } });
  });
});

describe('order: handling a return', () => {
  const requested = () => extend(delivered(), requestReturn());
  const approved = () => extend(requested(), approveReturn());

  it('approves a requested return, and treats a repeat as a retry', () => {
    expect(when(requested(), approveReturn())).toEqual([{ type: 'ReturnApproved', data: { orderId: ORDER_ID, at: at(11) } }]);
    expect(when(approved(), approveReturn())).toEqual([]);
  });

  it('refuses to approve when no return was requested', () => {
    expect(when(delivered(), approveReturn())).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      details: { from: 'DELIVERED', command: 'ApproveReturn' },
    });
  });

  it('sends a rejected return back to where the order was', () => {
    expect(when(requested(), rejectReturn)).toEqual([{ type: 'ReturnRejected', data: rejectReturn.data }]);
    expect(orderAfter(extend(requested(), rejectReturn))).toMatchObject({ status: 'DELIVERED', openReturn: null });
    expect(orderAfter(extend(delivered(), complete(), requestReturn(), rejectReturn)).status).toBe('COMPLETED');
  });

  it('refuses to reject a return that is not awaiting a decision', () => {
    expect(when(delivered(), rejectReturn)).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { command: 'RejectReturn' } });
    expect(when(approved(), rejectReturn)).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { from: 'RETURN_APPROVED' } });
  });

  it('on receipt asks for the refund of the returned lines: goods less their discount share, plus tax', () => {
    // 1 x A = 1500, less 500 x 1500/5000 = 150 of discount = 1350, plus 19% tax (256.5 -> 257) = 1607
    expect(when(approved(), receiveReturn())).toEqual([
      { type: 'ReturnReceived', data: { orderId: ORDER_ID, lines: [{ sku: 'A', quantity: 1 }], at: at(15) } },
      { type: 'OrderRefundRequested', data: { orderId: ORDER_ID, paymentId: 'pay-1', amount: eur(1607), reason: 'RETURN', at: at(15) } },
    ]);
    expect(orderAfter(extend(approved(), receiveReturn()))).toMatchObject({
      status: 'REFUND_PENDING',
      returnedQuantities: { A: 1 },
      refundRequested: eur(1607),
    });
  });

  it('refunds everything but shipping (and its tax) when every line comes back', () => {
    const { lines } = placeOrderData();
    const pricing = orderAfter(delivered()).pricing;
    // goods 4500 + 19% = 5355; the order total 5949 also holds 499 shipping and its tax
    expect(returnValue(lines, pricing, [{ sku: 'A', quantity: 2 }, { sku: 'B', quantity: 1 }])).toEqual(eur(5355));
  });

  it('refuses to receive a return that was not approved', () => {
    expect(when(requested(), receiveReturn())).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      details: { from: 'RETURN_REQUESTED', command: 'ReceiveReturn' },
    });
  });
});
