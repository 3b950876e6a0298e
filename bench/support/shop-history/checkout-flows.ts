import { computeDiscount } from '../../../src/domain/coupon/index.js';
import { priceOrder, type OrderLine, type OrderPricing } from '../../../src/domain/order/index.js';
import { isDomainError } from '../../../src/domain/shared/index.js';
import { customerKeyOf, redeem, redeemable, releaseRedemption } from './coupon-flows.js';
import { fulfil } from './fulfilment-flows.js';
import { commit, expire, release, reserve, type Reservation } from './inventory-flows.js';
import { iso, MINUTE, type Coupon, type Customer, type Shop, type Sku } from './shop.js';
import { address, personName } from './text.js';

export interface BasketLine {
  readonly sku: Sku;
  quantity: number;
  unitPrice: number;
}

export interface PlacedOrder {
  readonly orderId: string;
  readonly customer: Customer | null;
  readonly lines: readonly OrderLine[];
  /** The SKUs of `lines`, in the same order. */
  readonly skus: readonly Sku[];
  readonly pricing: OrderPricing;
  readonly paymentId: string;
  readonly coupon: { readonly coupon: Coupon; readonly redemption: { redemptionId: string; orderId: string; customerKey: string } } | null;
  reservations: Reservation[];
  refundRequested: number;
  refunded: number;
}

export interface Checkout {
  readonly orderId: string;
  readonly customer: Customer | null;
  readonly country: string;
  readonly cartId: string | null;
  readonly lines: readonly BasketLine[];
  readonly coupon: Coupon | null;
}

const RESERVATION_TTL = 15 * MINUTE;
const SHIPPING = [['standard', 70], ['express', 22], ['next_day', 8]] as const;
type PaymentOutcome = 'approved' | 'declined' | 'failed' | 'abandoned';
const OUTCOMES: readonly (readonly [PaymentOutcome, number])[] = [['approved', 94.5], ['declined', 3.5], ['failed', 1], ['abandoned', 1]];

/**
 * `PlaceOrder` and the checkout saga after it (src/commands/checkout/checkout-saga.ts): reserve
 * every SKU, redeem the coupon, authorize the payment, then confirm and commit the reservations —
 * or release what was taken and reject. Steps land seconds apart, between other shoppers' events.
 */
export function placeOrder(shop: Shop, checkout: Checkout): void {
  const { random } = shop;
  const currency = checkout.lines[0]!.sku.product.currency;
  const lines: OrderLine[] = checkout.lines.map(({ sku, quantity, unitPrice }) => ({
    sku: sku.sku,
    productId: sku.product.productId,
    sellerId: sku.product.sellerId,
    quantity,
    unitPrice: { amount: unitPrice, currency },
  }));
  const subtotal = { amount: lines.reduce((sum, l) => sum + l.unitPrice.amount * l.quantity, 0), currency };
  const discount = checkout.coupon ? computeDiscount(checkout.coupon, subtotal) : { amount: 0, currency };
  const shippingOption = random.weighted(SHIPPING);
  const pricing = priceOrder(lines, discount, shippingOption, checkout.country);
  if (isDomainError(pricing)) throw new Error(`generated an unpriceable order: ${pricing.code}`);
  const { orderId } = checkout;
  const customerKey = customerKeyOf(shop, checkout.customer);
  const order: PlacedOrder = {
    orderId,
    customer: checkout.customer,
    lines,
    skus: checkout.lines.map((line) => line.sku),
    pricing,
    paymentId: random.uuid(),
    coupon: checkout.coupon ? { coupon: checkout.coupon, redemption: { redemptionId: random.uuid(), orderId, customerKey } } : null,
    reservations: [],
    refundRequested: 0,
    refunded: 0,
  };
  const name = checkout.customer?.address.name ?? personName(random);
  const placed = {
    orderId,
    customerId: checkout.customer?.customerId ?? null,
    guestEmail: checkout.customer ? null : shop.nextEmail(),
    cartId: checkout.cartId,
    lines,
    couponCode: checkout.coupon?.code ?? null,
    pricing,
    shippingAddress: checkout.customer?.address ?? address(random, name, checkout.country),
    shippingOption,
    paymentToken: `tok_${random.letters(24)}`,
    cardLast4: String(random.int(1000, 9999)),
    at: iso(shop.now),
  };
  shop.append(`order-${orderId}`, [{ type: 'OrderPlaced', data: placed }], 'PlaceOrder', orderId);
  shop.clock.after(random.int(50, 400), () => reserveAndRedeem(shop, order));
}

function reject(shop: Shop, order: PlacedOrder, reason: string, releaseReason: string): void {
  for (const reservation of order.reservations) release(shop, reservation, releaseReason);
  order.reservations = [];
  if (order.coupon && reason !== 'COUPON_INVALID' && reason !== 'OUT_OF_STOCK') {
    releaseRedemption(shop, order.coupon.coupon, order.coupon.redemption, 'order_rejected');
  }
  shop.append(`order-${order.orderId}`, [{ type: 'OrderRejected', data: { orderId: order.orderId, reason, details: null, at: iso(shop.now) } }], 'RejectOrder', order.orderId);
}

function reserveAndRedeem(shop: Shop, order: PlacedOrder): void {
  for (const [i, line] of order.lines.entries()) {
    const reservation = reserve(shop, order.skus[i]!, order.orderId, line.quantity, RESERVATION_TTL);
    if (!reservation) return reject(shop, order, 'OUT_OF_STOCK', 'checkout did not complete');
    order.reservations.push(reservation);
  }
  if (order.coupon) {
    const { coupon, redemption } = order.coupon;
    if (!redeemable(shop, coupon, redemption.customerKey, order.pricing.subtotal)) return reject(shop, order, 'COUPON_INVALID', 'checkout did not complete');
    redeem(shop, coupon, { ...redemption, subtotal: order.pricing.subtotal, discount: order.pricing.discount });
  }
  shop.clock.after(shop.random.int(800, 4_000), () => authorize(shop, order));
}

function authorize(shop: Shop, order: PlacedOrder): void {
  const { random } = shop;
  const { orderId, paymentId } = order;
  const stream = `payment-${paymentId}`;
  const key = `${orderId}/authorize`;
  const base = { paymentId, orderId };
  const amount = order.pricing.total;
  const requested = { ...base, amount, token: `tok_${random.letters(24)}`, cardLast4: String(random.int(1000, 9999)), idempotencyKey: key, at: iso(shop.now) };
  shop.append(stream, [{ type: 'PaymentAuthorizationRequested', data: requested }], 'AuthorizePayment', orderId);
  const outcome = random.weighted(OUTCOMES);
  const answer = { ...base, idempotencyKey: `${key}/answer`, at: iso(shop.now) };
  if (outcome === 'approved') {
    shop.append(stream, [{ type: 'PaymentAuthorized', data: { ...answer, gatewayAuthorizationId: `auth_${random.letters(20)}`, amount } }], 'RecordAuthorization', orderId);
    shop.clock.after(random.int(20, 300), () => confirm(shop, order));
  } else if (outcome === 'declined') {
    shop.append(stream, [{ type: 'PaymentDeclined', data: { ...answer, reason: random.pick(['insufficient funds', 'card declined', 'suspected fraud']) } }], 'RecordDecline', orderId);
    shop.clock.after(random.int(20, 300), () => reject(shop, order, 'PAYMENT_DECLINED', 'checkout did not complete'));
  } else if (outcome === 'failed') {
    shop.append(stream, [{ type: 'PaymentFailed', data: { ...answer, reason: 'gateway unavailable', transient: false } }], 'RecordFailure', orderId);
    shop.clock.after(random.int(20, 300), () => reject(shop, order, 'PAYMENT_FAILED', 'checkout did not complete'));
  } else {
    // The shopper never finishes the bank's check: the expiry worker frees the stock, then the gateway times out.
    const reservations = order.reservations;
    order.reservations = [];
    for (const reservation of reservations) shop.clock.at(reservation.expiresAt, () => expire(shop, reservation));
    shop.clock.after(RESERVATION_TTL + random.int(1, 10) * MINUTE, () => {
      shop.append(stream, [{ type: 'PaymentFailed', data: { ...answer, reason: 'authentication timed out', transient: false, at: iso(shop.now) } }], 'RecordFailure', orderId);
      reject(shop, order, 'PAYMENT_FAILED', 'checkout did not complete');
    });
  }
}

function confirm(shop: Shop, order: PlacedOrder): void {
  const data = { orderId: order.orderId, paymentId: order.paymentId, at: iso(shop.now) };
  shop.append(`order-${order.orderId}`, [{ type: 'OrderConfirmed', data }], 'ConfirmOrder', order.orderId);
  for (const reservation of order.reservations) commit(shop, reservation);
  order.reservations = [];
  fulfil(shop, order);
}
