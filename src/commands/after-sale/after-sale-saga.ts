import type { Logger } from 'pino';
import { orderStreamName, type OrderEvent } from '../../domain/order/index.js';
import type { Money } from '../../domain/shared/index.js';
import type { RecordedEvent } from '../../eventstore/types.js';
import type { PaymentGateway } from '../../payments/payment-gateway.js';
import { checkoutIds } from '../checkout/checkout-ids.js';
import type { CommandHandlers } from '../command-handlers.js';
import type { ProcessManager } from '../process-managers/process-manager-runner.js';
import { AfterSaleError, authorizationOf, capturePayment, paymentOf } from './capture-payment.js';

export { AfterSaleError } from './capture-payment.js';

export interface AfterSaleSagaOptions {
  readonly commands: CommandHandlers;
  readonly gateway: PaymentGateway;
  readonly now?: () => Date;
  readonly logger?: Logger;
  /**
   * Capture in the payments worker (retries with backoff, dead letters) instead of here, where a
   * gateway outage would stop the saga after its few attempts. `enqueueCapture` is idempotent per order.
   */
  readonly paymentWorker?: { readonly enqueueCapture: (orderId: string) => Promise<unknown> };
}

/**
 * What happens to money and stock after an order was confirmed: capture on shipment; on a
 * cancellation or a received return, refund (or void, when nothing was captured yet), record the
 * refund on the order, put the goods back on the shelf and give the coupon use back. Every gateway
 * call and command carries a key derived from the order and the triggering event, so a re-delivered
 * event never moves money twice.
 */
export function createAfterSaleSaga(options: AfterSaleSagaOptions): ProcessManager {
  const { commands, gateway } = options;
  const at = () => (options.now ?? (() => new Date()))().toISOString();

  /** Refund `amount`, or void the authorization when nothing was captured; then record it on the order. */
  async function refund(orderId: string, paymentId: string, amount: Money, key: string): Promise<void> {
    const payment = await paymentOf(commands, paymentId);
    const authorizationId = authorizationOf(payment);
    if (payment.status === 'AUTHORIZED') {
      const idempotencyKey = checkoutIds.gatewayKey(orderId, 'void');
      await gateway.void({ idempotencyKey, authorizationId });
      const voided = await commands.payment.send(
        { type: 'VoidPayment', data: { paymentId, idempotencyKey, at: at() } },
        { commandId: `${key}/void`, correlationId: orderId },
      );
      if (!voided.ok) throw new AfterSaleError(`order ${orderId}: void refused: ${voided.error.code}`);
    } else if (payment.status !== 'VOIDED' && !Object.hasOwn(payment.applied, key)) {
      // Never more than is still captured: an admin may have refunded by hand (POST /payments/{id}/refund)
      // before the cancellation or return. Asking the gateway for more would be refused forever and stop
      // this saga for every order; what was already paid back by hand is not paid twice.
      const refundable = payment.captured.amount - payment.refunded.amount;
      if (refundable > 0) {
        const toRefund = { ...amount, amount: Math.min(amount.amount, refundable) };
        await gateway.refund({ idempotencyKey: key, authorizationId, amount: toRefund });
        const refunded = await commands.payment.send(
          { type: 'RefundPayment', data: { paymentId, amount: toRefund, idempotencyKey: key, at: at() } },
          { commandId: `${key}/refund`, correlationId: orderId },
        );
        if (!refunded.ok) throw new AfterSaleError(`order ${orderId}: refund refused: ${refunded.error.code}`);
      }
    }
    const recorded = await commands.order.send(
      { type: 'RecordRefund', data: { orderId, paymentId, refundId: key, amount, at: at() } },
      { commandId: `${key}/record`, correlationId: orderId },
    );
    if (!recorded.ok) throw new AfterSaleError(`order ${orderId}: recording the refund refused: ${recorded.error.code}`);
  }

  async function restock(orderId: string, lines: readonly { sku: string; quantity: number }[], key: string): Promise<void> {
    await Promise.all(
      lines.map(async ({ sku, quantity }) => {
        const result = await commands.inventory.send(
          { type: 'AdjustStock', data: { sku, delta: quantity, reason: 'returned', at: at() } },
          { commandId: `${key}/restock/${sku}`, correlationId: orderId },
        );
        if (!result.ok) throw new AfterSaleError(`order ${orderId}: restock of ${sku} refused: ${result.error.code}`);
      }),
    );
  }

  async function cancelled(orderId: string): Promise<void> {
    const { state: order } = await commands.order.read(orderStreamName(orderId));
    // Only a confirmed order sold its stock; an unconfirmed one is the checkout saga's to undo.
    if (order.status === 'NONE' || !order.paymentId) return;
    await restock(orderId, order.lines, `${orderId}/after-sale/cancel`);
    if (order.couponCode) {
      await commands.coupon.send(
        { type: 'ReleaseRedemption', data: { code: order.couponCode, redemptionId: checkoutIds.redemptionId(orderId), reason: 'order_cancelled', at: at() } },
        { commandId: `${orderId}/after-sale/release-coupon`, correlationId: orderId },
      );
    }
  }

  async function handle(recorded: RecordedEvent): Promise<void> {
    const event = { type: recorded.type, data: recorded.data } as OrderEvent;
    const orderId = recorded.streamName.slice('order-'.length);
    switch (event.type) {
      case 'OrderShipped':
        if (options.paymentWorker) await options.paymentWorker.enqueueCapture(orderId);
        else await capturePayment({ commands, gateway, now: options.now }, orderId);
        return;
      case 'OrderCancelled':
        return cancelled(orderId);
      case 'OrderRefundRequested':
        return refund(orderId, event.data.paymentId, event.data.amount, `${orderId}/refund/${recorded.id}`);
      case 'ReturnReceived':
        return restock(orderId, event.data.lines, `${orderId}/after-sale/return/${recorded.id}`);
      default:
        return;
    }
  }

  return {
    name: 'after-sale-saga',
    filter: { categories: ['order'], eventTypes: ['OrderShipped', 'OrderCancelled', 'OrderRefundRequested', 'ReturnReceived'] },
    handle,
  };
}
