import type { CommandContext } from '../commands/command-context.js';
import { cartStreamName } from '../domain/cart/index.js';
import { computeDiscount, couponStreamName, type CouponState } from '../domain/coupon/index.js';
import { orderStreamName, type OrderCommand, type OrderStatus } from '../domain/order/index.js';
import type { Money } from '../domain/shared/index.js';
import { testTokens } from '../payments/test-cards.js';
import { demoCouponCode } from './demo-logins.js';
import type { Fulfilment, PlannedCart, PlannedOrder } from './demo-plan.js';
import { forEachLimited, mustSucceed, now, SeedError, type SeedProgress } from './seed-support.js';
import { waitUntilCaptured, waitUntilCheckedOut } from './seed-settling.js';
import type { SeedTarget } from './seed-target.js';

const CONCURRENCY = 16;

const cardLast4: Readonly<Record<string, string>> = {
  [testTokens.approve]: '4242',
  [testTokens.decline]: '0002',
  [testTokens.failTwiceThenApprove]: '9995',
};

const contextFor = (order: { orderId: string; customerId: string }, step: string): CommandContext => ({
  commandId: `seed/order/${order.orderId}/${step}`,
  correlationId: order.orderId,
  userId: order.customerId,
});

/** Cart lines are sent in one tick with the opening and the checkout: one append, never a half-filled cart. */
async function checkOutCart(target: SeedTarget, order: PlannedOrder): Promise<void> {
  const { cartId, customerId } = order;
  const cart = await target.commands.cart.read(cartStreamName(cartId));
  if (cart.state.status === 'CHECKED_OUT' && cart.state.orderId === order.orderId) return;
  if (cart.state.status !== 'NONE') throw new SeedError(`cart ${cartId} is ${cart.state.status}, not what the seed left`);
  const at = now();
  const context = (step: string): CommandContext => ({ commandId: `seed/cart/${cartId}/${step}`, userId: customerId });
  const results = await Promise.all([
    target.commands.cart.send({ type: 'OpenCart', data: { cartId, owner: { kind: 'customer', customerId }, currency: 'USD', at } }, context('open')),
    ...order.lines.map((line) =>
      target.commands.cart.send(
        { type: 'AddCartItem', data: { cartId, sku: line.sku, productId: line.productId, quantity: line.quantity, unitPrice: line.unitPrice, at } },
        context(`add/${line.sku}`),
      ),
    ),
    ...(order.couponCode ? [target.commands.cart.send({ type: 'ApplyCoupon', data: { cartId, code: order.couponCode, at } }, context('coupon'))] : []),
    target.commands.cart.send({ type: 'CheckOutCart', data: { cartId, orderId: order.orderId, at } }, context('checkout')),
  ]);
  results.forEach((result) => mustSucceed(result, `cart ${cartId}`));
}

/** What the coupon takes off these lines, as the command side computes it before PlaceOrder. */
function discountOf(order: PlannedOrder, coupon: CouponState): Money {
  const subtotal = { amount: order.lines.reduce((sum, l) => sum + l.unitPrice.amount * l.quantity, 0), currency: 'USD' };
  if (!order.couponCode || coupon.status === 'absent') return { amount: 0, currency: 'USD' };
  return computeDiscount(coupon.definition, subtotal);
}

/** Cart, then order: what a shopper's checkout does. Answers whether it placed the order now. */
async function placeOrder(target: SeedTarget, order: PlannedOrder, coupon: CouponState): Promise<boolean> {
  const { state } = await target.commands.order.read(orderStreamName(order.orderId));
  if (state.status !== 'NONE') return false;
  await checkOutCart(target, order);
  const result = await target.commands.order.send(
    {
      type: 'PlaceOrder',
      data: {
        orderId: order.orderId,
        customerId: order.customerId,
        guestEmail: null,
        cartId: order.cartId,
        lines: order.lines.map((line) => ({ ...line })),
        couponCode: order.couponCode,
        discount: discountOf(order, coupon),
        shippingAddress: order.shippingAddress,
        shippingOption: order.shippingOption,
        paymentToken: order.paymentToken,
        cardLast4: cardLast4[order.paymentToken] ?? '4242',
        at: now(),
      },
    },
    contextFor(order, 'place'),
  );
  mustSucceed(result, `order ${order.orderId}`);
  return true;
}

/**
 * Places the orders, then waits until the system's checkout (saga and payment jobs) has settled
 * every one and ended its reservations; that also covers orders an interrupted run placed.
 * Answers how many were placed now.
 */
export async function seedOrders(target: SeedTarget, orders: readonly PlannedOrder[], progress: SeedProgress, label = 'orders'): Promise<number> {
  progress.phase(label, orders.length);
  const { state: coupon } = await target.commands.coupon.read(couponStreamName(demoCouponCode));
  let placed = 0;
  await forEachLimited(orders, CONCURRENCY, async (order) => {
    if (await placeOrder(target, order, coupon)) placed++;
    progress.advance();
  });
  progress.phase(`${label}: checkout`, orders.length);
  await waitUntilCheckedOut(target, orders, (settled) => progress.advance(settled));
  return placed;
}

const chain: readonly { status: OrderStatus; fulfilment: Fulfilment }[] = [
  { status: 'CONFIRMED', fulfilment: 'confirmed' },
  { status: 'PROCESSING', fulfilment: 'processing' },
  { status: 'SHIPPED', fulfilment: 'shipped' },
  { status: 'DELIVERED', fulfilment: 'delivered' },
  { status: 'COMPLETED', fulfilment: 'completed' },
];
const carriers = ['UPS', 'DHL', 'FedEx', 'USPS'];

function stepCommand(order: PlannedOrder, status: OrderStatus, at: string): OrderCommand {
  const { orderId } = order;
  switch (status) {
    case 'PROCESSING':
      return { type: 'StartProcessing', data: { orderId, at } };
    case 'SHIPPED': {
      const n = Number(orderId.replace(/\D/g, '')) || 0;
      return { type: 'ShipOrder', data: { orderId, carrier: carriers[n % carriers.length]!, trackingNumber: `TRK${String(n).padStart(8, '0')}`, at } };
    }
    case 'DELIVERED':
      return { type: 'DeliverOrder', data: { orderId, at } };
    default:
      return { type: 'CompleteOrder', data: { orderId, at } };
  }
}

/**
 * Confirmed orders taken on towards their planned stage (processing, shipped, delivered, completed),
 * as ops would; then waits until the payment of every shipped order is captured (the after-sale
 * saga's work), so that the seed ends with nothing left in flight.
 */
export async function seedFulfilment(target: SeedTarget, orders: readonly PlannedOrder[], progress: SeedProgress): Promise<number> {
  const moving = orders.filter((o) => o.outcome === 'CONFIRMED' && o.fulfilment !== 'confirmed');
  progress.phase('fulfilment', moving.length);
  let moved = 0;
  await forEachLimited(moving, CONCURRENCY, async (order) => {
    const { state } = await target.commands.order.read(orderStreamName(order.orderId));
    const from = chain.findIndex((c) => c.status === state.status);
    const to = chain.findIndex((c) => c.fulfilment === order.fulfilment);
    if (from >= 0 && from < to) {
      const at = now();
      const steps = chain.slice(from + 1, to + 1).map((c) => c.status);
      const results = await Promise.all(steps.map((status) => target.commands.order.send(stepCommand(order, status, at), contextFor(order, status.toLowerCase()))));
      results.forEach((result) => mustSucceed(result, `fulfilling ${order.orderId}`));
      moved++;
    }
    progress.advance();
  });
  await waitUntilCaptured(target, moving.filter((o) => o.fulfilment !== 'processing'));
  return moved;
}

/** Carts that shoppers filled and left: opened and filled in one append, never checked out. */
export async function seedAbandonedCarts(target: SeedTarget, carts: readonly PlannedCart[], progress: SeedProgress): Promise<number> {
  progress.phase('open carts', carts.length);
  let opened = 0;
  await forEachLimited(carts, CONCURRENCY, async ({ cartId, customerId, lines }) => {
    const { state } = await target.commands.cart.read(cartStreamName(cartId));
    if (state.status === 'NONE') {
      const at = now();
      const context = (step: string): CommandContext => ({ commandId: `seed/cart/${cartId}/${step}`, userId: customerId });
      const results = await Promise.all([
        target.commands.cart.send({ type: 'OpenCart', data: { cartId, owner: { kind: 'customer', customerId }, currency: 'USD', at } }, context('open')),
        ...lines.map((l) =>
          target.commands.cart.send({ type: 'AddCartItem', data: { cartId, sku: l.sku, productId: l.productId, quantity: l.quantity, unitPrice: l.unitPrice, at } }, context(`add/${l.sku}`)),
        ),
      ]);
      results.forEach((result) => mustSucceed(result, `cart ${cartId}`));
      opened++;
    }
    progress.advance();
  });
  return opened;
}
