import { orderStreamName } from '../../domain/order/index.js';
import { paymentStreamName, type Payment } from '../../domain/payment/index.js';
import type { PaymentGateway } from '../../payments/payment-gateway.js';
import { checkoutIds } from '../checkout/checkout-ids.js';
import type { CommandHandlers } from '../command-handlers.js';

export class AfterSaleError extends Error {
  override readonly name = 'AfterSaleError';
}

export interface CapturePaymentDeps {
  readonly commands: CommandHandlers;
  readonly gateway: PaymentGateway;
  readonly now?: (() => Date) | undefined;
}

export async function paymentOf(commands: CommandHandlers, paymentId: string): Promise<Payment> {
  const { state } = await commands.payment.read(paymentStreamName(paymentId));
  if (state.status === 'NONE') throw new AfterSaleError(`payment ${paymentId} does not exist`);
  return state;
}

export function authorizationOf(payment: Payment): string {
  if (!payment.gatewayAuthorizationId) throw new AfterSaleError(`payment ${payment.paymentId} has no authorization`);
  return payment.gatewayAuthorizationId;
}

/**
 * Takes the money of a shipped order: captures its authorization and records the capture. The
 * gateway key is derived from the order, so a repeat (a retried job, a re-delivered event) gets the
 * first capture's answer and nothing is taken twice; a payment no longer AUTHORIZED is left alone.
 * Throws `TransientGatewayError` when the gateway cannot answer (retry), `GatewayRejectedError` or
 * `AfterSaleError` when retrying cannot help.
 */
export async function capturePayment(deps: CapturePaymentDeps, orderId: string): Promise<'captured' | 'not-authorized'> {
  const { commands, gateway } = deps;
  const at = () => (deps.now ?? (() => new Date()))().toISOString();
  const { state: order } = await commands.order.read(orderStreamName(orderId));
  if (order.status === 'NONE' || !order.paymentId) throw new AfterSaleError(`order ${orderId} has no payment to capture`);
  const payment = await paymentOf(commands, order.paymentId);
  if (payment.status !== 'AUTHORIZED') return 'not-authorized'; // captured before a crash, or voided
  const idempotencyKey = checkoutIds.gatewayKey(orderId, 'capture');
  await gateway.capture({ idempotencyKey, authorizationId: authorizationOf(payment), amount: payment.authorized });
  const result = await commands.payment.send(
    { type: 'CapturePayment', data: { paymentId: payment.paymentId, amount: payment.authorized, idempotencyKey, at: at() } },
    { commandId: `${orderId}/after-sale/capture`, correlationId: orderId },
  );
  if (!result.ok) throw new AfterSaleError(`order ${orderId}: capture refused: ${result.error.code}`);
  return 'captured';
}
