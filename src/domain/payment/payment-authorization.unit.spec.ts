import { describe, expect, it } from 'vitest';
import { paymentCommandSchema } from './commands.js';
import { paymentEventSchema } from './events.js';
import { at, authorize, authorized, declined, failed, history, paymentAfter, T0, usd, when } from './payment.fixtures.js';
import { appliedCommand, type PaymentState } from './state.js';

describe('payment: authorization', () => {
  it('asks for an authorization with the token and last four digits only', () => {
    const events = when([], authorize());
    expect(events).toEqual([
      {
        type: 'PaymentAuthorizationRequested',
        data: { paymentId: 'pay-1', orderId: 'order-1', amount: usd(10_000), token: 'tok_sandbox_approve', cardLast4: '4242', idempotencyKey: 'k-auth', at: T0 },
      },
    ]);
    expect(Array.isArray(events) && paymentEventSchema.safeParse(events[0]).success).toBe(true);
    expect(paymentAfter(history(authorize())).status).toBe('AUTHORIZATION_REQUESTED');
  });

  it('returns nothing for a repeated key, and the state tells the earlier outcome', () => {
    const given = history(authorize('k-auth'));
    expect(when(given, authorize('k-auth'))).toEqual([]);
    expect(appliedCommand(paymentAfter(given), 'k-auth')).toEqual({ command: 'AuthorizePayment', event: 'PaymentAuthorizationRequested', at: T0 });
  });

  it('never requests a payment twice: another key on an existing payment is refused', () => {
    expect(when(history(authorize('k-auth')), authorize('k-other'))).toMatchObject({
      code: 'PAYMENT_ALREADY_EXISTS',
      details: { status: 'AUTHORIZATION_REQUESTED' },
    });
  });

  it('refuses a key that was used for another command', () => {
    expect(when(history(authorize('k-auth')), authorized('k-auth'))).toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
      details: { earlier: { command: 'AuthorizePayment' } },
    });
  });

  it('refuses a zero amount', () => {
    expect(when([], authorize('k', 0))).toMatchObject({ code: 'INVALID_AMOUNT' });
  });

  it('never accepts a card number where a token belongs', () => {
    const withCard = { ...authorize(), data: { ...authorize().data, token: '4111-1111-1111-1111' } };
    expect(paymentCommandSchema.safeParse(withCard).success).toBe(false);
    expect(paymentCommandSchema.safeParse(authorize()).success).toBe(true);
  });

  it('refuses commands for a payment that was never requested', () => {
    expect(when([], authorized())).toMatchObject({ code: 'PAYMENT_NOT_FOUND' });
  });
});

describe('payment: the gateway answers', () => {
  const requested = () => history(authorize());

  it('records the authorization for the requested amount', () => {
    expect(when(requested(), authorized())).toEqual([
      {
        type: 'PaymentAuthorized',
        data: { paymentId: 'pay-1', orderId: 'order-1', gatewayAuthorizationId: 'gw-auth-1', amount: usd(10_000), idempotencyKey: 'k-gw', at: at(1) },
      },
    ]);
    expect(paymentAfter(history(authorize(), authorized()))).toMatchObject({
      status: 'AUTHORIZED',
      authorized: usd(10_000),
    });
  });

  it('ignores the same gateway authorization arriving again under another key', () => {
    expect(when(history(authorize(), authorized('k-gw')), authorized('k-webhook'))).toEqual([]);
  });

  it('authorizes at most once', () => {
    expect(when(history(authorize(), authorized('k-gw', 'gw-1')), authorized('k-gw-2', 'gw-2'))).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      details: { from: 'AUTHORIZED', command: 'RecordAuthorization' },
    });
  });

  it('records a decline, once', () => {
    expect(when(requested(), declined())).toEqual([
      { type: 'PaymentDeclined', data: { paymentId: 'pay-1', orderId: 'order-1', reason: 'insufficient funds', idempotencyKey: 'k-decline', at: at(1) } },
    ]);
    expect(paymentAfter(history(authorize(), declined()))).toMatchObject({ status: 'DECLINED', declineReason: 'insufficient funds' });
    expect(when(history(authorize(), declined('k1')), declined('k2'))).toEqual([]);
    expect(when(history(authorize(), declined()), authorized())).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { from: 'DECLINED' } });
  });

  it('keeps the authorization pending after a transient failure, so the worker can retry', () => {
    const afterTransient = history(authorize(), failed(true, 'k-f1'));
    expect(paymentAfter(afterTransient)).toMatchObject({ status: 'AUTHORIZATION_REQUESTED', failures: [{ transient: true }] });
    expect(when(afterTransient, authorized())).toHaveLength(1);
  });

  it('ends the payment after a permanent failure', () => {
    const given = history(authorize(), failed(false));
    expect(paymentAfter(given).status).toBe('FAILED');
    expect(when(given, failed(false, 'k-again'))).toEqual([]);
    expect(when(given, authorized())).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { from: 'FAILED' } });
  });

  it('refuses a decline or failure once authorized', () => {
    const given = history(authorize(), authorized());
    expect(when(given, declined())).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    expect(when(given, failed(true))).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
  });

  it('keeps the state readable for callers', () => {
    const state: PaymentState = paymentAfter(history(authorize(), authorized()));
    expect(appliedCommand(state, 'k-gw')).toMatchObject({ command: 'RecordAuthorization', event: 'PaymentAuthorized' });
    expect(appliedCommand(state, 'unknown')).toBeUndefined();
  });
});

describe('payment: idempotency keys are data, not object keys', () => {
  it('handles a key named __proto__ like any other', () => {
    const given = history(authorize('__proto__'));
    expect(when(given, authorize('__proto__'))).toEqual([]);
    expect(appliedCommand(paymentAfter(given), '__proto__')).toMatchObject({ command: 'AuthorizePayment' });
    expect(appliedCommand(paymentAfter(given), 'toString')).toBeUndefined();
  });
});
