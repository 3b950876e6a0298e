import { describe, expect, it } from 'vitest';
import { money } from '../shared/index.js';
import { at, authorize, authorized, capture, history, paymentAfter, refund, usd, voidIt, when } from './payment.fixtures.js';

const authorizedPayment = () => history(authorize(), authorized());
const captured = (amount = 10_000) => history(authorize(), authorized(), capture(amount));

describe('payment: capture', () => {
  it('captures up to the authorized amount', () => {
    expect(when(authorizedPayment(), capture(6_000))).toEqual([
      { type: 'PaymentCaptured', data: { paymentId: 'pay-1', orderId: 'order-1', amount: usd(6_000), idempotencyKey: 'k-capture', at: at(2) } },
    ]);
    expect(paymentAfter(captured(6_000))).toMatchObject({ status: 'CAPTURED', captured: usd(6_000) });
  });

  it('returns nothing for a repeated capture key', () => {
    expect(when(captured(), capture(10_000, 'k-capture'))).toEqual([]);
  });

  it('refuses to capture more than authorized', () => {
    expect(when(authorizedPayment(), capture(10_001))).toMatchObject({ code: 'CAPTURE_EXCEEDS_AUTHORIZED', details: { authorized: usd(10_000) } });
  });

  it('refuses another currency or nothing', () => {
    const eur = { ...capture(), data: { ...capture().data, amount: money(100, 'EUR') } };
    expect(when(authorizedPayment(), eur)).toMatchObject({ code: 'CURRENCY_MISMATCH' });
    expect(when(authorizedPayment(), capture(0))).toMatchObject({ code: 'INVALID_AMOUNT' });
  });

  it('refuses to capture before authorization or twice', () => {
    expect(when(history(authorize()), capture())).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { from: 'AUTHORIZATION_REQUESTED' } });
    expect(when(captured(), capture(1, 'k-capture-2'))).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { from: 'CAPTURED' } });
  });
});

describe('payment: void', () => {
  it('voids an authorized payment, once', () => {
    expect(when(authorizedPayment(), voidIt())).toEqual([
      { type: 'PaymentVoided', data: { paymentId: 'pay-1', orderId: 'order-1', idempotencyKey: 'k-void', at: at(2) } },
    ]);
    const voided = history(authorize(), authorized(), voidIt());
    expect(paymentAfter(voided).status).toBe('VOIDED');
    expect(when(voided, voidIt('k-void-2'))).toEqual([]);
    expect(when(voided, capture())).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { from: 'VOIDED' } });
  });

  it('refuses to void a captured payment (refund it instead)', () => {
    expect(when(captured(), voidIt())).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { from: 'CAPTURED', command: 'VoidPayment' } });
  });

  it('refuses to void before authorization', () => {
    expect(when(history(authorize()), voidIt())).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
  });
});

describe('payment: refund', () => {
  it('refunds part of the capture, then the rest', () => {
    expect(when(captured(), refund(4_000, 'r1'))).toEqual([
      {
        type: 'PaymentRefunded',
        data: { paymentId: 'pay-1', orderId: 'order-1', amount: usd(4_000), refundedTotal: usd(4_000), idempotencyKey: 'r1', at: at(3) },
      },
    ]);
    expect(paymentAfter(history(authorize(), authorized(), capture(), refund(4_000, 'r1')))).toMatchObject({ status: 'PARTIALLY_REFUNDED', refunded: usd(4_000) });
  });

  it('is fully refunded when the refunds reach the capture', () => {
    expect(paymentAfter(history(authorize(), authorized(), capture(), refund(4_000, 'r1'), refund(6_000, 'r2')))).toMatchObject({
      status: 'REFUNDED',
      refunded: usd(10_000),
    });
  });

  it('returns nothing for a repeated refund key', () => {
    expect(when(history(authorize(), authorized(), capture(), refund(4_000, 'r1')), refund(4_000, 'r1'))).toEqual([]);
  });

  it('never refunds more than captured minus already refunded', () => {
    expect(when(history(authorize(), authorized(), capture(8_000), refund(5_000, 'r1')), refund(3_001, 'r2'))).toMatchObject({
      code: 'REFUND_EXCEEDS_CAPTURED',
      details: { captured: usd(8_000), refunded: usd(5_000) },
    });
  });

  it('refuses to refund what was never captured', () => {
    expect(when(authorizedPayment(), refund(1))).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { from: 'AUTHORIZED', command: 'RefundPayment' } });
  });

  it('refuses another currency or nothing', () => {
    const eur = { ...refund(1), data: { ...refund(1).data, amount: money(1, 'EUR') } };
    expect(when(captured(), eur)).toMatchObject({ code: 'CURRENCY_MISMATCH' });
    expect(when(captured(), refund(0))).toMatchObject({ code: 'INVALID_AMOUNT' });
  });
});
