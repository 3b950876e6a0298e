import { assertNever, zeroOf, type Money } from '../shared/index.js';
import type { PaymentCommand } from './commands.js';
import type { PaymentEvent } from './events.js';

/**
 * AUTHORIZATION_REQUESTED waits for the gateway (and stays there after a transient failure);
 * DECLINED, FAILED, VOIDED and REFUNDED are final.
 */
export type PaymentStatus =
  | 'AUTHORIZATION_REQUESTED'
  | 'AUTHORIZED'
  | 'DECLINED'
  | 'FAILED'
  | 'CAPTURED'
  | 'PARTIALLY_REFUNDED'
  | 'REFUNDED'
  | 'VOIDED';

/** What an applied idempotency key did, so that a caller repeating it can read the earlier outcome. */
export interface AppliedCommand {
  readonly command: PaymentCommand['type'];
  readonly event: PaymentEvent['type'];
  readonly at: string;
}

export interface Payment {
  readonly status: PaymentStatus;
  readonly paymentId: string;
  readonly orderId: string;
  /** The amount asked for; `authorized` is what the gateway granted. */
  readonly amount: Money;
  readonly token: string;
  readonly cardLast4: string;
  readonly gatewayAuthorizationId: string | null;
  readonly authorized: Money;
  readonly captured: Money;
  readonly refunded: Money;
  readonly declineReason: string | null;
  readonly failures: readonly { readonly reason: string; readonly transient: boolean; readonly at: string }[];
  readonly applied: Readonly<Record<string, AppliedCommand>>;
}

export type PaymentState = { readonly status: 'NONE' } | Payment;

export const initialState = (): PaymentState => ({ status: 'NONE' });

/** Each event has exactly one command that causes it. */
const causedBy: Readonly<Record<PaymentEvent['type'], PaymentCommand['type']>> = {
  PaymentAuthorizationRequested: 'AuthorizePayment',
  PaymentAuthorized: 'RecordAuthorization',
  PaymentDeclined: 'RecordDecline',
  PaymentFailed: 'RecordFailure',
  PaymentCaptured: 'CapturePayment',
  PaymentVoided: 'VoidPayment',
  PaymentRefunded: 'RefundPayment',
};

/** The earlier outcome of an idempotency key, if it was applied to this payment. */
export function appliedCommand(state: PaymentState, idempotencyKey: string): AppliedCommand | undefined {
  if (state.status === 'NONE' || !Object.hasOwn(state.applied, idempotencyKey)) return undefined;
  return state.applied[idempotencyKey];
}

function evolvePayment(payment: Payment, event: PaymentEvent): Payment {
  const { idempotencyKey, at } = event.data;
  const outcome: AppliedCommand = { command: causedBy[event.type], event: event.type, at };
  const recorded: Payment = { ...payment, applied: { ...payment.applied, [idempotencyKey]: outcome } };
  switch (event.type) {
    case 'PaymentAuthorizationRequested':
      return payment;
    case 'PaymentAuthorized':
      return {
        ...recorded,
        status: 'AUTHORIZED',
        gatewayAuthorizationId: event.data.gatewayAuthorizationId,
        authorized: event.data.amount,
      };
    case 'PaymentDeclined':
      return { ...recorded, status: 'DECLINED', declineReason: event.data.reason };
    case 'PaymentFailed': {
      const failures = [...payment.failures, { reason: event.data.reason, transient: event.data.transient, at }];
      return { ...recorded, status: event.data.transient ? payment.status : 'FAILED', failures };
    }
    case 'PaymentCaptured':
      return { ...recorded, status: 'CAPTURED', captured: event.data.amount };
    case 'PaymentVoided':
      return { ...recorded, status: 'VOIDED' };
    case 'PaymentRefunded': {
      const refunded = event.data.refundedTotal;
      return { ...recorded, status: refunded.amount >= payment.captured.amount ? 'REFUNDED' : 'PARTIALLY_REFUNDED', refunded };
    }
    default:
      return assertNever(event);
  }
}

/** Events for a payment that was never requested are ignored, as is a second request. */
export function evolve(state: PaymentState, event: PaymentEvent): PaymentState {
  if (state.status !== 'NONE') return evolvePayment(state, event);
  if (event.type !== 'PaymentAuthorizationRequested') return state;
  const { paymentId, orderId, amount, token, cardLast4, idempotencyKey, at } = event.data;
  return {
    status: 'AUTHORIZATION_REQUESTED',
    paymentId,
    orderId,
    amount,
    token,
    cardLast4,
    gatewayAuthorizationId: null,
    authorized: zeroOf(amount.currency),
    captured: zeroOf(amount.currency),
    refunded: zeroOf(amount.currency),
    declineReason: null,
    failures: [],
    applied: { [idempotencyKey]: { command: 'AuthorizePayment', event: 'PaymentAuthorizationRequested', at } },
  };
}
