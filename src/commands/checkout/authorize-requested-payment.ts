import { paymentStreamName } from '../../domain/payment/index.js';
import { GatewayRejectedError, IdempotencyKeyReusedError } from '../../payments/errors.js';
import type { PaymentGateway } from '../../payments/payment-gateway.js';
import type { CommandHandlers } from '../command-handlers.js';
import type { AuthorizationAnswer } from './authorize-with-retries.js';
import { CheckoutInvariantError } from './checkout-saga.js';
import { checkoutIds } from './checkout-ids.js';
import { paymentAnswerCommand, paymentAnswerContext } from './payment-answer.js';

export interface AuthorizeRequestedPaymentDeps {
  readonly commands: CommandHandlers;
  readonly gateway: PaymentGateway;
  readonly now?: () => Date;
}

export type AuthorizationOutcome = AuthorizationAnswer['outcome'] | 'already-answered';

/**
 * One attempt at the authorization the checkout saga requested (the payments job's work): asks
 * the gateway with the order's idempotency key and records its answer, which the saga then acts
 * on. A `TransientGatewayError` is thrown through for the job to retry later with the same key:
 * the gateway answers a repeat with its first answer, so no attempt can charge twice. A decline is
 * an answer like an approval; a permanent refusal is recorded as a failed payment, except a reused
 * idempotency key, which is a bug and is thrown.
 */
export async function authorizeRequestedPayment(
  deps: AuthorizeRequestedPaymentDeps,
  request: { readonly orderId: string; readonly paymentId: string },
): Promise<AuthorizationOutcome> {
  const { commands, gateway } = deps;
  const now = deps.now ?? (() => new Date());
  const { orderId, paymentId } = request;
  const { state: payment } = await commands.payment.read(paymentStreamName(paymentId));
  if (payment.status === 'NONE') throw new CheckoutInvariantError(`payment ${paymentId} of order ${orderId} was never requested`);
  if (payment.status !== 'AUTHORIZATION_REQUESTED') return 'already-answered';

  let answer: AuthorizationAnswer;
  try {
    answer = await gateway.authorize({
      idempotencyKey: checkoutIds.gatewayKey(orderId, 'authorize'),
      token: payment.token,
      amount: payment.amount,
      orderId,
    });
  } catch (error) {
    if (error instanceof GatewayRejectedError && !(error instanceof IdempotencyKeyReusedError)) {
      answer = { outcome: 'failed', reason: error.message };
    } else {
      throw error;
    }
  }
  const recorded = await commands.payment.send(paymentAnswerCommand(orderId, paymentId, answer, now().toISOString()), paymentAnswerContext(orderId));
  if (!recorded.ok) throw new CheckoutInvariantError(`order ${orderId}: recording the payment refused: ${recorded.error.code}`);
  return answer.outcome;
}
