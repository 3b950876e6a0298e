import type { PaymentCommand } from '../../domain/payment/index.js';
import type { CommandContext } from '../command-context.js';
import type { AuthorizationAnswer } from './authorize-with-retries.js';
import { checkoutIds } from './checkout-ids.js';

/**
 * The command that records the gateway's answer to an order's authorization, and its context.
 * The saga (authorizing inline) and the payments worker (authorizing in a job) both record it
 * this way, with the same idempotency key and command id, so whichever gets there first records
 * it and the other's attempt is recognised as a repeat.
 */
export function paymentAnswerCommand(orderId: string, paymentId: string, answer: AuthorizationAnswer, at: string): PaymentCommand {
  const idempotencyKey = `${checkoutIds.gatewayKey(orderId, 'authorize')}/answer`;
  switch (answer.outcome) {
    case 'approved':
      return { type: 'RecordAuthorization', data: { paymentId, gatewayAuthorizationId: answer.authorizationId, idempotencyKey, at } };
    case 'declined':
      return { type: 'RecordDecline', data: { paymentId, reason: answer.reason, idempotencyKey, at } };
    case 'failed':
      return { type: 'RecordFailure', data: { paymentId, reason: answer.reason, transient: false, idempotencyKey, at } };
  }
}

export const paymentAnswerContext = (orderId: string): CommandContext => ({
  commandId: checkoutIds.commandId(orderId, 'record-payment'),
  correlationId: orderId,
});
