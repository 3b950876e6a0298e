import { addMoney, assertNever, type Decision, type DomainError, type Money } from '../shared/index.js';
import type { CapturePayment, PaymentCommand, RecordAuthorization, RefundPayment } from './commands.js';
import { paymentError, type PaymentErrorCode } from './errors.js';
import type { PaymentEvent } from './events.js';
import { appliedCommand, type Payment, type PaymentState, type PaymentStatus } from './state.js';

type Decided = Decision<PaymentEvent>;
type Rule = (payment: Payment) => Decided;

const illegal = (payment: Payment, command: PaymentCommand['type']): DomainError<PaymentErrorCode> =>
  paymentError('ILLEGAL_TRANSITION', `${command} is not allowed on a payment that is ${payment.status}`, { from: payment.status, command });

/** Runs `rule` when the payment is in one of `from`, the only statuses the command may act on. */
const inStatus = (payment: Payment, command: PaymentCommand['type'], from: readonly PaymentStatus[], rule: Rule): Decided =>
  from.includes(payment.status) ? rule(payment) : illegal(payment, command);

/** The same checks guard every amount: the payment's currency, and more than nothing. */
function checkAmount(payment: Payment, amount: Money): DomainError<PaymentErrorCode> | null {
  if (amount.currency !== payment.amount.currency) {
    return paymentError('CURRENCY_MISMATCH', `the payment is in ${payment.amount.currency}`, {
      expected: payment.amount.currency,
      actual: amount.currency,
    });
  }
  return amount.amount > 0 ? null : paymentError('INVALID_AMOUNT', 'amounts are positive', { amount });
}

/** Ids the events repeat from the payment rather than from the command. */
const ids = (payment: Payment) => ({ paymentId: payment.paymentId, orderId: payment.orderId });

function recordAuthorization({ type, data }: RecordAuthorization, payment: Payment): Decided {
  // The gateway's answer may arrive twice by different paths (response and webhook) with different keys.
  if (payment.gatewayAuthorizationId === data.gatewayAuthorizationId) return [];
  return inStatus(payment, type, ['AUTHORIZATION_REQUESTED'], () => [
    { type: 'PaymentAuthorized', data: { ...data, ...ids(payment), amount: payment.amount } },
  ]);
}

function capture({ type, data }: CapturePayment, payment: Payment): Decided {
  return inStatus(payment, type, ['AUTHORIZED'], () => {
    const invalid = checkAmount(payment, data.amount);
    if (invalid !== null) return invalid;
    if (data.amount.amount > payment.authorized.amount) {
      return paymentError('CAPTURE_EXCEEDS_AUTHORIZED', 'a capture never exceeds the authorized amount', {
        authorized: payment.authorized,
      });
    }
    return [{ type: 'PaymentCaptured', data: { ...data, ...ids(payment) } }];
  });
}

function refund({ type, data }: RefundPayment, payment: Payment): Decided {
  return inStatus(payment, type, ['CAPTURED', 'PARTIALLY_REFUNDED'], () => {
    const invalid = checkAmount(payment, data.amount);
    if (invalid !== null) return invalid;
    const refundedTotal = addMoney(payment.refunded, data.amount);
    if (refundedTotal.amount > payment.captured.amount) {
      return paymentError('REFUND_EXCEEDS_CAPTURED', 'refunds never exceed what was captured', {
        captured: payment.captured,
        refunded: payment.refunded,
      });
    }
    return [{ type: 'PaymentRefunded', data: { ...data, ...ids(payment), refundedTotal } }];
  });
}

function decideForPayment(command: Exclude<PaymentCommand, { type: 'AuthorizePayment' }>, payment: Payment): Decided {
  switch (command.type) {
    case 'RecordAuthorization':
      return recordAuthorization(command, payment);
    case 'RecordDecline':
      if (payment.status === 'DECLINED') return [];
      return inStatus(payment, command.type, ['AUTHORIZATION_REQUESTED'], () => [
        { type: 'PaymentDeclined', data: { ...command.data, ...ids(payment) } },
      ]);
    case 'RecordFailure':
      if (payment.status === 'FAILED') return [];
      return inStatus(payment, command.type, ['AUTHORIZATION_REQUESTED'], () => [
        { type: 'PaymentFailed', data: { ...command.data, ...ids(payment) } },
      ]);
    case 'CapturePayment':
      return capture(command, payment);
    case 'VoidPayment':
      if (payment.status === 'VOIDED') return [];
      return inStatus(payment, command.type, ['AUTHORIZED'], () => [{ type: 'PaymentVoided', data: { ...command.data, ...ids(payment) } }]);
    case 'RefundPayment':
      return refund(command, payment);
    default:
      return assertNever(command);
  }
}

/**
 * A key already applied returns [] whatever the payment has become since: the earlier effect
 * stands and `appliedCommand(state, key)` tells what it was. A payment is requested once only:
 * that is what rules out charging twice for one payment id.
 */
export function decide(command: PaymentCommand, state: PaymentState): Decision<PaymentEvent> {
  const earlier = appliedCommand(state, command.data.idempotencyKey);
  if (earlier !== undefined) {
    if (earlier.command === command.type) return [];
    return paymentError('IDEMPOTENCY_KEY_REUSED', `key ${command.data.idempotencyKey} was used for ${earlier.command}`, { earlier });
  }
  if (command.type === 'AuthorizePayment') {
    if (state.status !== 'NONE') {
      return paymentError('PAYMENT_ALREADY_EXISTS', `payment ${command.data.paymentId} already exists`, { status: state.status });
    }
    if (command.data.amount.amount <= 0) return paymentError('INVALID_AMOUNT', 'amounts are positive', { amount: command.data.amount });
    return [{ type: 'PaymentAuthorizationRequested', data: command.data }];
  }
  if (state.status === 'NONE') return paymentError('PAYMENT_NOT_FOUND', `payment ${command.data.paymentId} does not exist`);
  return decideForPayment(command, state);
}
