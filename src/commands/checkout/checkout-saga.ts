import type { Logger } from 'pino';
import { activeReservation, inventoryStreamName } from '../../domain/inventory/index.js';
import type { OrderPlaced, RejectionReason } from '../../domain/order/index.js';
import { orderStreamName } from '../../domain/order/index.js';
import { paymentStreamName } from '../../domain/payment/index.js';
import type { RecordedEvent } from '../../eventstore/types.js';
import type { PaymentGateway } from '../../payments/payment-gateway.js';
import type { CommandHandlers } from '../command-handlers.js';
import type { ProcessManager } from '../process-managers/process-manager-runner.js';
import { authorizeWithRetries, type AuthorizationAnswer } from './authorize-with-retries.js';
import { checkoutIds, guestCustomerKey } from './checkout-ids.js';

/** The points between the saga's steps; `afterStep` is called at each (tests stop the saga there). */
export const checkoutSteps = [
  'stock-reserved',
  'coupon-redeemed',
  'gateway-answered',
  'payment-recorded',
  'order-confirmed',
  'reservations-committed',
  'reservations-released',
  'order-rejected',
] as const;
export type CheckoutStep = (typeof checkoutSteps)[number];

export interface CheckoutSagaOptions {
  readonly commands: CommandHandlers;
  readonly gateway: PaymentGateway;
  readonly now?: () => Date;
  /** How long stock stays reserved for an order that has not been confirmed (15 minutes). */
  readonly reservationTtlMs?: number;
  readonly gatewayAttempts?: number;
  readonly gatewayRetryDelayMs?: number;
  readonly afterStep?: (step: CheckoutStep, orderId: string) => void | Promise<void>;
  readonly logger?: Logger;
}

type Placed = OrderPlaced['data'] & { readonly orderId: string };

export class CheckoutInvariantError extends Error {
  override readonly name = 'CheckoutInvariantError';
}

/**
 * The checkout process manager. On `OrderPlaced`: reserve every line, redeem the coupon, authorize
 * the payment, then confirm the order and commit the reservations — or release what was taken and
 * reject the order. It keeps no state of its own: every run reads where the order and its payment
 * stand and carries on from there, and every command it sends has a deterministic id, so a crash at
 * any point followed by a re-delivery finishes the job without doing any step twice.
 */
export function createCheckoutSaga(options: CheckoutSagaOptions): ProcessManager {
  const { commands, gateway } = options;
  const now = options.now ?? (() => new Date());
  const ttl = options.reservationTtlMs ?? 15 * 60_000;
  const afterStep = options.afterStep ?? (() => undefined);
  const at = () => now().toISOString();

  /** One reservation per SKU: two lines of one SKU share it. */
  function quantitiesBySku(order: Placed): Map<string, number> {
    const bySku = new Map<string, number>();
    for (const line of order.lines) bySku.set(line.sku, (bySku.get(line.sku) ?? 0) + line.quantity);
    return bySku;
  }

  async function reserveAll(order: Placed): Promise<boolean> {
    const expiresAt = new Date(Date.parse(order.at) + ttl).toISOString();
    const results = await Promise.all(
      [...quantitiesBySku(order)].map(async ([sku, quantity]) => {
        const reservationId = checkoutIds.reservationId(order.orderId, sku);
        const result = await commands.inventory.send(
          { type: 'ReserveStock', data: { sku, reservationId, orderId: order.orderId, quantity, expiresAt, at: at() } },
          { commandId: checkoutIds.commandId(order.orderId, 'reserve', sku), correlationId: order.orderId },
        );
        if (!result.ok) return false;
        if (result.events.length > 0) return true;
        // A repeat: the reservation exists, but it may have ended (released or expired) since.
        const { state } = await commands.inventory.read(inventoryStreamName(sku));
        return activeReservation(state, reservationId) !== undefined;
      }),
    );
    return results.every(Boolean);
  }

  async function forEachReservation(order: Placed, step: 'release' | 'commit'): Promise<void> {
    await Promise.all(
      [...quantitiesBySku(order).keys()].map(async (sku) => {
        const reservationId = checkoutIds.reservationId(order.orderId, sku);
        const context = { commandId: checkoutIds.commandId(order.orderId, step, sku), correlationId: order.orderId };
        const result =
          step === 'release'
            ? await commands.inventory.send({ type: 'ReleaseReservation', data: { sku, reservationId, reason: 'checkout did not complete', at: at() } }, context)
            : await commands.inventory.send({ type: 'CommitReservation', data: { sku, reservationId, at: at() } }, context);
        // Releasing a reservation that never happened (its SKU was out of stock) is nothing to undo.
        if (!result.ok && !(step === 'release' && result.error.code === 'RESERVATION_NOT_FOUND')) {
          throw new CheckoutInvariantError(`order ${order.orderId}: ${step} of ${sku} refused: ${result.error.code}`);
        }
      }),
    );
  }

  async function redeemCoupon(order: Placed): Promise<boolean> {
    if (!order.couponCode) return true;
    const result = await commands.coupon.send(
      {
        type: 'RedeemCoupon',
        data: {
          code: order.couponCode,
          redemptionId: checkoutIds.redemptionId(order.orderId),
          orderId: order.orderId,
          customerKey: order.customerId ?? guestCustomerKey(order.guestEmail ?? ''),
          subtotal: order.pricing.subtotal,
          at: at(),
        },
      },
      { commandId: checkoutIds.commandId(order.orderId, 'redeem-coupon'), correlationId: order.orderId },
    );
    return result.ok;
  }

  async function releaseCoupon(order: Placed): Promise<void> {
    if (!order.couponCode) return;
    await commands.coupon.send(
      { type: 'ReleaseRedemption', data: { code: order.couponCode, redemptionId: checkoutIds.redemptionId(order.orderId), reason: 'order_rejected', at: at() } },
      { commandId: checkoutIds.commandId(order.orderId, 'release-coupon'), correlationId: order.orderId },
    );
  }

  async function reject(order: Placed, reason: RejectionReason, details: string | undefined): Promise<void> {
    await forEachReservation(order, 'release');
    await releaseCoupon(order);
    await afterStep('reservations-released', order.orderId);
    const result = await commands.order.send(
      { type: 'RejectOrder', data: { orderId: order.orderId, reason, ...(details ? { details } : {}), at: at() } },
      { commandId: checkoutIds.commandId(order.orderId, 'reject'), correlationId: order.orderId },
    );
    if (!result.ok) throw new CheckoutInvariantError(`order ${order.orderId}: reject refused: ${result.error.code}`);
    await afterStep('order-rejected', order.orderId);
  }

  async function confirm(order: Placed, paymentId: string): Promise<void> {
    const result = await commands.order.send(
      { type: 'ConfirmOrder', data: { orderId: order.orderId, paymentId, at: at() } },
      { commandId: checkoutIds.commandId(order.orderId, 'confirm'), correlationId: order.orderId },
    );
    if (!result.ok) {
      const { state: latest } = await commands.order.read(orderStreamName(order.orderId));
      if (latest.status !== 'CANCELLED') throw new CheckoutInvariantError(`order ${order.orderId}: confirm refused: ${result.error.code}`);
      return undoCancelledCheckout(order);
    }
    await afterStep('order-confirmed', order.orderId);
    await forEachReservation(order, 'commit');
    await afterStep('reservations-committed', order.orderId);
  }

  /**
   * Records the gateway's answer, with the payment request itself when this run is the first to
   * reach the payment: both commands are sent in one tick, so group commit appends them together.
   * Calling the gateway before anything is recorded is safe: its idempotency key is derived from
   * the order, so a run resumed after a crash gets the same answer and no second hold.
   */
  async function recordPayment(order: Placed, paymentId: string, answer: AuthorizationAnswer, withRequest: boolean): Promise<void> {
    const key = (suffix: string) => `${checkoutIds.gatewayKey(order.orderId, 'authorize')}/${suffix}`;
    const context = (step: string) => ({ commandId: checkoutIds.commandId(order.orderId, step), correlationId: order.orderId });
    const request = withRequest
      ? commands.payment.send(
          {
            type: 'AuthorizePayment',
            data: {
              paymentId,
              orderId: order.orderId,
              amount: order.pricing.total,
              token: order.paymentToken,
              cardLast4: order.cardLast4,
              idempotencyKey: checkoutIds.gatewayKey(order.orderId, 'authorize'),
              at: at(),
            },
          },
          context('request-payment'),
        )
      : undefined;
    const recorded =
      answer.outcome === 'approved'
        ? commands.payment.send({ type: 'RecordAuthorization', data: { paymentId, gatewayAuthorizationId: answer.authorizationId, idempotencyKey: key('answer'), at: at() } }, context('record-payment'))
        : answer.outcome === 'declined'
          ? commands.payment.send({ type: 'RecordDecline', data: { paymentId, reason: answer.reason, idempotencyKey: key('answer'), at: at() } }, context('record-payment'))
          : commands.payment.send({ type: 'RecordFailure', data: { paymentId, reason: answer.reason, transient: false, idempotencyKey: key('answer'), at: at() } }, context('record-payment'));
    for (const result of await Promise.all([request, recorded])) {
      if (result && !result.ok) throw new CheckoutInvariantError(`order ${order.orderId}: recording the payment refused: ${result.error.code}`);
    }
    await afterStep('payment-recorded', order.orderId);
  }

  async function voidAuthorization(order: Placed, paymentId: string, authorizationId: string | null): Promise<void> {
    if (authorizationId === null) throw new CheckoutInvariantError(`order ${order.orderId}: authorized payment without an authorization id`);
    const idempotencyKey = checkoutIds.gatewayKey(order.orderId, 'void');
    await gateway.void({ idempotencyKey, authorizationId });
    const result = await commands.payment.send(
      { type: 'VoidPayment', data: { paymentId, idempotencyKey, at: at() } },
      { commandId: checkoutIds.commandId(order.orderId, 'void-payment'), correlationId: order.orderId },
    );
    if (!result.ok) throw new CheckoutInvariantError(`order ${order.orderId}: void refused: ${result.error.code}`);
  }

  function authorize(order: Placed): Promise<AuthorizationAnswer> {
    return authorizeWithRetries(
      gateway,
      { idempotencyKey: checkoutIds.gatewayKey(order.orderId, 'authorize'), token: order.paymentToken, amount: order.pricing.total, orderId: order.orderId },
      { attempts: options.gatewayAttempts ?? 5, baseDelayMs: options.gatewayRetryDelayMs ?? 100 },
    );
  }

  /** Cancelled before it was confirmed: give back whatever the checkout had taken. */
  async function undoCancelledCheckout(order: Placed): Promise<void> {
    const paymentId = checkoutIds.paymentId(order.orderId);
    let { state: payment } = await commands.payment.read(paymentStreamName(paymentId));
    if (payment.status === 'AUTHORIZATION_REQUESTED') {
      // The gateway may have approved before a crash: ask it (same key, so no second hold), then undo.
      await recordPayment(order, paymentId, await authorize(order), false);
      payment = (await commands.payment.read(paymentStreamName(paymentId))).state;
    }
    if (payment.status === 'AUTHORIZED') await voidAuthorization(order, paymentId, payment.gatewayAuthorizationId);
    await forEachReservation(order, 'release');
    await releaseCoupon(order);
  }

  /** Where the payment stands decides what is left to do; a fresh checkout starts with reservations. */
  async function advance(order: Placed): Promise<void> {
    const { state: orderState } = await commands.order.current(orderStreamName(order.orderId));
    if (orderState.status === 'REJECTED') return;
    if (orderState.status === 'CANCELLED' && !orderState.paymentId) return undoCancelledCheckout(order);
    if (orderState.status !== 'PENDING') {
      // Confirmed before a crash: the commits may not all have happened.
      if (orderState.status === 'CONFIRMED' && orderState.paymentId) await forEachReservation(order, 'commit');
      return;
    }
    const paymentId = checkoutIds.paymentId(order.orderId);
    let { state: payment } = await commands.payment.current(paymentStreamName(paymentId));
    const resumed = payment.status !== 'NONE';

    if (payment.status === 'NONE') {
      if (!(await reserveAll(order))) return reject(order, 'OUT_OF_STOCK', undefined);
      await afterStep('stock-reserved', order.orderId);
      if (!(await redeemCoupon(order))) return reject(order, 'COUPON_INVALID', undefined);
      await afterStep('coupon-redeemed', order.orderId);
    }

    // A fresh run, or one resumed after the request was recorded but before the answer was.
    if (payment.status === 'NONE' || payment.status === 'AUTHORIZATION_REQUESTED') {
      const answer = await authorize(order);
      await afterStep('gateway-answered', order.orderId);
      await recordPayment(order, paymentId, answer, payment.status === 'NONE');
      payment = (await commands.payment.current(paymentStreamName(paymentId))).state;
    }

    // Resumed after a crash: the reservations may have expired while the saga was down.
    if (resumed && payment.status === 'AUTHORIZED' && !(await reserveAll(order))) {
      options.logger?.warn({ orderId: order.orderId }, 'reservations ended before the order was confirmed; voiding');
      await voidAuthorization(order, paymentId, payment.gatewayAuthorizationId);
      return reject(order, 'OUT_OF_STOCK', 'reservation expired before confirmation');
    }

    switch (payment.status) {
      case 'AUTHORIZED':
        return confirm(order, paymentId);
      case 'DECLINED':
        return reject(order, 'PAYMENT_DECLINED', payment.declineReason ?? undefined);
      case 'FAILED':
        return reject(order, 'PAYMENT_FAILED', payment.failures.at(-1)?.reason);
      default:
        throw new CheckoutInvariantError(`order ${order.orderId}: payment in unexpected status ${payment.status}`);
    }
  }

  return {
    name: 'checkout-saga',
    filter: { categories: ['order'], eventTypes: ['OrderPlaced'] },
    async handle(event: RecordedEvent) {
      const orderId = event.streamName.slice('order-'.length);
      await advance({ ...(event.data as OrderPlaced['data']), orderId });
    },
  };
}
