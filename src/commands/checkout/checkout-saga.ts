import type { Logger } from 'pino';
import { activeReservation, inventoryStreamName } from '../../domain/inventory/index.js';
import type { OrderPlaced, RejectionReason } from '../../domain/order/index.js';
import { orderStreamName } from '../../domain/order/index.js';
import { paymentStreamName, type PaymentEvent } from '../../domain/payment/index.js';
import type { EventStore, ReadAllFilter, RecordedEvent } from '../../eventstore/types.js';
import type { PaymentGateway } from '../../payments/payment-gateway.js';
import type { CommandHandlers } from '../command-handlers.js';
import type { ProcessManager } from '../process-managers/process-manager-runner.js';
import { authorizeWithRetries, type AuthorizationAnswer } from './authorize-with-retries.js';
import { checkoutIds, guestCustomerKey } from './checkout-ids.js';
import { paymentAnswerCommand, paymentAnswerContext } from './payment-answer.js';

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
  /**
   * Authorize in the payments worker instead of here: the saga records the payment request and
   * hands it over (`enqueue`, idempotent per order); the worker calls the gateway with retries and
   * records the answer, and the saga carries on when that answer reaches it. `store` is where the
   * saga then finds the order's OrderPlaced. Without it the saga calls the gateway itself.
   */
  readonly paymentWorker?: PaymentWorkerHandOff;
}

export interface PaymentWorkerHandOff {
  readonly enqueue: (request: { readonly orderId: string; readonly paymentId: string }) => Promise<unknown>;
  readonly store: EventStore;
}

/** How far off another process's clock may be: a reservation this far from its deadline cannot have expired. */
const CLOCK_SKEW_MARGIN_MS = 60_000;

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
   * With no answer (the payments worker will get it) only the request is recorded.
   * Calling the gateway before anything is recorded is safe: its idempotency key is derived from
   * the order, so a run resumed after a crash gets the same answer and no second hold.
   */
  async function recordPayment(order: Placed, paymentId: string, answer: AuthorizationAnswer | undefined, withRequest: boolean): Promise<void> {
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
    const recorded = answer ? commands.payment.send(paymentAnswerCommand(order.orderId, paymentId, answer, at()), paymentAnswerContext(order.orderId)) : undefined;
    for (const result of await Promise.all([request, recorded])) {
      if (result && !result.ok) throw new CheckoutInvariantError(`order ${order.orderId}: recording the payment refused: ${result.error.code}`);
    }
    if (answer) await afterStep('payment-recorded', order.orderId);
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

  /**
   * Checking the reservations means reading each SKU's whole stream, too dear to do for every order
   * the worker answers: with the worker, a deadline comfortably ahead (nobody's clock can have
   * passed it) is proof enough. The inline saga only gets here after a crash, and always checks.
   */
  function mayHaveExpired(order: Placed): boolean {
    if (!options.paymentWorker) return true;
    return now().getTime() + CLOCK_SKEW_MARGIN_MS >= Date.parse(order.at) + ttl;
  }

  /** The order an answer from the payments worker is about, from its OrderPlaced. */
  async function placedOrder(orderId: string): Promise<Placed | undefined> {
    const [first] = await options.paymentWorker!.store.readStream(orderStreamName(orderId), { maxCount: 1 });
    return first?.type === 'OrderPlaced' ? { ...(first.data as OrderPlaced['data']), orderId } : undefined;
  }

  /**
   * Where the payment stands decides what is left to do; a fresh checkout starts with reservations.
   * `fresh`: read the streams instead of this process's cached view, which misses what other
   * processes wrote (the payments worker's answer, when it ran elsewhere).
   */
  async function advance(order: Placed, fresh = false): Promise<void> {
    const load = fresh ? 'read' : 'current';
    const { state: orderState } = await commands.order[load](orderStreamName(order.orderId));
    if (orderState.status === 'REJECTED') return;
    if (orderState.status === 'CANCELLED' && !orderState.paymentId) return undoCancelledCheckout(order);
    if (orderState.status !== 'PENDING') {
      // Confirmed before a crash: the commits may not all have happened.
      if (orderState.status === 'CONFIRMED' && orderState.paymentId) await forEachReservation(order, 'commit');
      return;
    }
    const paymentId = checkoutIds.paymentId(order.orderId);
    let { state: payment } = await commands.payment[load](paymentStreamName(paymentId));
    const resumed = payment.status !== 'NONE';

    if (payment.status === 'NONE') {
      if (!(await reserveAll(order))) return reject(order, 'OUT_OF_STOCK', undefined);
      await afterStep('stock-reserved', order.orderId);
      if (!(await redeemCoupon(order))) return reject(order, 'COUPON_INVALID', undefined);
      await afterStep('coupon-redeemed', order.orderId);
    }

    // A fresh run, or one resumed after the request was recorded but before the answer was.
    if (options.paymentWorker && (payment.status === 'NONE' || payment.status === 'AUTHORIZATION_REQUESTED')) {
      // The worker records the answer; its event brings the saga back here.
      if (payment.status === 'NONE') await recordPayment(order, paymentId, undefined, true);
      await options.paymentWorker.enqueue({ orderId: order.orderId, paymentId });
      return;
    }
    if (payment.status === 'NONE' || payment.status === 'AUTHORIZATION_REQUESTED') {
      const answer = await authorize(order);
      await afterStep('gateway-answered', order.orderId);
      await recordPayment(order, paymentId, answer, payment.status === 'NONE');
      payment = (await commands.payment.current(paymentStreamName(paymentId))).state;
    }

    // Resumed after a crash, or woken by the worker's answer: the reservations may have expired meanwhile.
    if (resumed && payment.status === 'AUTHORIZED' && mayHaveExpired(order) && !(await reserveAll(order))) {
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

  const filter: ReadAllFilter = options.paymentWorker
    ? { categories: ['order', 'payment'], eventTypes: ['OrderPlaced', 'PaymentAuthorized', 'PaymentDeclined', 'PaymentFailed'] }
    : { categories: ['order'], eventTypes: ['OrderPlaced'] };

  return {
    name: 'checkout-saga',
    filter,
    async handle(event: RecordedEvent) {
      if (event.type === 'OrderPlaced') {
        const orderId = event.streamName.slice('order-'.length);
        return advance({ ...(event.data as OrderPlaced['data']), orderId });
      }
      // The payments worker's answer: carry on from where the order stands.
      const { orderId } = (event as RecordedEvent & { data: PaymentEvent['data'] }).data;
      const order = await placedOrder(orderId);
      if (!order) throw new CheckoutInvariantError(`payment answer for order ${orderId}, which was never placed`);
      await advance(order, true);
    },
  };
}
