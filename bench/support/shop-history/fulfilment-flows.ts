import { returnValue } from '../../../src/domain/order/index.js';
import type { PlacedOrder } from './checkout-flows.js';
import { releaseRedemption } from './coupon-flows.js';
import { writeReview } from './customer-flows.js';
import { adjustStock } from './inventory-flows.js';
import { DAY, HOUR, iso, MINUTE, type Shop } from './shop.js';
import { CARRIERS } from './text.js';

const money = (amount: number, currency: string) => ({ amount, currency });

function orderEvent(shop: Shop, order: PlacedOrder, events: { type: string; data: Record<string, unknown> }[], commandType: string): void {
  const at = iso(shop.now);
  shop.append(`order-${order.orderId}`, events.map(({ type, data }) => ({ type, data: { orderId: order.orderId, ...data, at } })), commandType, order.orderId);
}

function paymentEvent(shop: Shop, order: PlacedOrder, type: string, key: string, data: Record<string, unknown>, commandType: string): void {
  const full = { paymentId: order.paymentId, orderId: order.orderId, ...data, idempotencyKey: `${order.orderId}/${key}`, at: iso(shop.now) };
  shop.append(`payment-${order.paymentId}`, [{ type, data: full }], commandType, order.orderId);
}

/**
 * A confirmed order's life, as staff, carriers and the after-sale saga move it along: processing
 * within hours, shipped (and captured) within two days, delivered within a week, completed two
 * weeks later. Some are cancelled before shipping, some come back; refunds follow both.
 */
export function fulfil(shop: Shop, order: PlacedOrder): void {
  const { random } = shop;
  if (random.chance(0.025)) {
    shop.clock.after(random.int(10, 300) * MINUTE, () => cancel(shop, order));
    return;
  }
  shop.clock.after(random.int(1, 8) * HOUR, () => {
    orderEvent(shop, order, [{ type: 'OrderProcessingStarted', data: {} }], 'StartProcessing');
    shop.clock.after(random.int(6, 40) * HOUR, () => ship(shop, order));
  });
}

function ship(shop: Shop, order: PlacedOrder): void {
  const { random } = shop;
  const carrier = random.pick(CARRIERS);
  orderEvent(shop, order, [{ type: 'OrderShipped', data: { carrier, trackingNumber: `${carrier.toUpperCase()}${random.letters(4).toUpperCase()}${random.int(100000, 999999)}` } }], 'ShipOrder');
  shop.clock.after(random.int(1, 30) * 1000, () => paymentEvent(shop, order, 'PaymentCaptured', 'capture', { amount: order.pricing.total }, 'CapturePayment'));
  shop.clock.after(random.int(20, 120) * HOUR, () => deliver(shop, order));
}

function deliver(shop: Shop, order: PlacedOrder): void {
  const { random } = shop;
  orderEvent(shop, order, [{ type: 'OrderDelivered', data: {} }], 'DeliverOrder');
  const deliveredAt = shop.now;
  const { customer } = order;
  if (customer && random.chance(0.14)) {
    const product = random.pick(order.skus).product;
    shop.clock.after(random.int(2, 20) * DAY, () => writeReview(shop, customer, product, true));
  }
  if (random.chance(0.06)) {
    shop.clock.after(random.int(2, 12) * DAY, () => requestReturn(shop, order, deliveredAt));
    return;
  }
  if (random.chance(0.95)) shop.clock.at(deliveredAt + 14 * DAY, () => orderEvent(shop, order, [{ type: 'OrderCompleted', data: {} }], 'CompleteOrder'));
}

function requestReturn(shop: Shop, order: PlacedOrder, deliveredAt: number): void {
  const { random } = shop;
  const line = random.pick(order.lines);
  const lines = [{ sku: line.sku, quantity: random.int(1, line.quantity) }];
  orderEvent(shop, order, [{ type: 'ReturnRequested', data: { lines, reason: random.pick(['not as pictured', 'wrong size', 'arrived damaged', 'changed my mind']) } }], 'RequestReturn');
  shop.clock.after(random.int(4, 48) * HOUR, () => {
    if (random.chance(0.15)) {
      // Back to DELIVERED; completed later as any other order.
      orderEvent(shop, order, [{ type: 'ReturnRejected', data: { reason: 'item shows signs of wear' } }], 'RejectReturn');
      shop.clock.at(Math.max(shop.now + DAY, deliveredAt + 14 * DAY), () => orderEvent(shop, order, [{ type: 'OrderCompleted', data: {} }], 'CompleteOrder'));
      return;
    }
    orderEvent(shop, order, [{ type: 'ReturnApproved', data: {} }], 'ApproveReturn');
    shop.clock.after(random.int(3, 8) * DAY, () => receiveReturn(shop, order, lines));
  });
}

function receiveReturn(shop: Shop, order: PlacedOrder, lines: { sku: string; quantity: number }[]): void {
  const value = returnValue(order.lines, order.pricing, lines);
  const amount = Math.min(value.amount, order.pricing.total.amount - order.refundRequested);
  const received = { type: 'ReturnReceived', data: { lines } };
  if (amount <= 0) return orderEvent(shop, order, [received], 'ReceiveReturn');
  order.refundRequested += amount;
  const refund = money(amount, value.currency);
  orderEvent(shop, order, [received, { type: 'OrderRefundRequested', data: { paymentId: order.paymentId, amount: refund, reason: 'RETURN' } }], 'ReceiveReturn');
  // The after-sale saga: the goods back on the shelf, the money back to the card, recorded on the order.
  shop.clock.after(shop.random.int(1, 20) * 1000, () => {
    for (const { sku, quantity } of lines) {
      const found = order.skus.find((s) => s.sku === sku);
      if (found) adjustStock(shop, found, quantity, 'returned', order.orderId);
    }
    order.refunded += amount;
    paymentEvent(shop, order, 'PaymentRefunded', `refund/${shop.random.uuid()}`, { amount: refund, refundedTotal: money(order.refunded, value.currency) }, 'RefundPayment');
    recordRefund(shop, order, refund);
  });
}

function recordRefund(shop: Shop, order: PlacedOrder, amount: { amount: number; currency: string }): void {
  const data = { paymentId: order.paymentId, refundId: shop.random.uuid(), amount, refundedTotal: money(order.refunded, amount.currency) };
  orderEvent(shop, order, [{ type: 'OrderRefunded', data }], 'RecordRefund');
}

/** The customer changes their mind before shipping: nothing was captured, so the hold is voided. */
function cancel(shop: Shop, order: PlacedOrder): void {
  const total = order.pricing.total;
  const cancelled = { type: 'OrderCancelled', data: { reason: 'changed my mind', by: 'customer' } };
  if (total.amount <= 0) return orderEvent(shop, order, [cancelled], 'CancelOrder');
  order.refundRequested = total.amount;
  orderEvent(shop, order, [cancelled, { type: 'OrderRefundRequested', data: { paymentId: order.paymentId, amount: total, reason: 'CANCELLATION' } }], 'CancelOrder');
  shop.clock.after(shop.random.int(1, 20) * 1000, () => {
    for (const [i, line] of order.lines.entries()) adjustStock(shop, order.skus[i]!, line.quantity, 'returned', order.orderId);
    if (order.coupon) releaseRedemption(shop, order.coupon.coupon, order.coupon.redemption, 'order_cancelled');
    paymentEvent(shop, order, 'PaymentVoided', 'void', {}, 'VoidPayment');
    order.refunded = total.amount;
    recordRefund(shop, order, total);
  });
}
