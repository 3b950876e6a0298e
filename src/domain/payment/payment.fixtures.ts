import { fold, isDomainError, money, type Decision } from '../shared/index.js';
import type { AuthorizePayment, CapturePayment, PaymentCommand, RecordAuthorization, RefundPayment, VoidPayment } from './commands.js';
import { decide } from './decide.js';
import type { PaymentEvent } from './events.js';
import { evolve, initialState, type Payment, type PaymentState } from './state.js';

/* Builders for the payment's example tests: given events, when a command, then events or an error. */

export const T0 = '2025-04-01T12:00:00.000Z';
export const at = (minutes: number): string => new Date(Date.parse(T0) + minutes * 60_000).toISOString();
export const usd = (amount: number) => money(amount, 'USD');
export const PAYMENT_ID = 'pay-1';
const id = { paymentId: PAYMENT_ID };

export const authorize = (key = 'k-auth', amount = 10_000): AuthorizePayment => ({
  type: 'AuthorizePayment',
  data: { ...id, orderId: 'order-1', amount: usd(amount), token: 'tok_sandbox_approve', cardLast4: '4242', idempotencyKey: key, at: T0 },
});
export const authorized = (key = 'k-gw', gatewayAuthorizationId = 'gw-auth-1'): RecordAuthorization => ({
  type: 'RecordAuthorization',
  data: { ...id, gatewayAuthorizationId, idempotencyKey: key, at: at(1) },
});
export const declined = (key = 'k-decline'): PaymentCommand => ({
  type: 'RecordDecline',
  data: { ...id, reason: 'insufficient funds', idempotencyKey: key, at: at(1) },
});
export const failed = (transient: boolean, key = 'k-fail'): PaymentCommand => ({
  type: 'RecordFailure',
  data: { ...id, reason: 'gateway timeout', transient, idempotencyKey: key, at: at(1) },
});
export const capture = (amount = 10_000, key = 'k-capture'): CapturePayment => ({
  type: 'CapturePayment',
  data: { ...id, amount: usd(amount), idempotencyKey: key, at: at(2) },
});
export const voidIt = (key = 'k-void'): VoidPayment => ({ type: 'VoidPayment', data: { ...id, idempotencyKey: key, at: at(2) } });
export const refund = (amount: number, key = 'k-refund'): RefundPayment => ({
  type: 'RefundPayment',
  data: { ...id, amount: usd(amount), idempotencyKey: key, at: at(3) },
});

export const stateAfter = (given: readonly PaymentEvent[]): PaymentState => fold(evolve, initialState(), given);

export function paymentAfter(given: readonly PaymentEvent[]): Payment {
  const state = stateAfter(given);
  if (state.status === 'NONE') throw new Error('the given events do not request a payment');
  return state;
}

export const when = (given: readonly PaymentEvent[], command: PaymentCommand): Decision<PaymentEvent> => decide(command, stateAfter(given));

/** Runs commands that must succeed and returns every event they caused. */
export function history(...commands: PaymentCommand[]): PaymentEvent[] {
  const events: PaymentEvent[] = [];
  for (const command of commands) {
    const decision = decide(command, stateAfter(events));
    if (isDomainError(decision)) throw new Error(`${command.type} failed: ${decision.code}`);
    events.push(...decision);
  }
  return events;
}
