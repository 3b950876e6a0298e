import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CartLine } from '../../../domain/cart/index.js';
import {
  placeOrderSchema,
  priceOrder,
  type OrderLine,
  type PlaceOrder,
  type ShippingAddress,
  type ShippingOption,
} from '../../../domain/order/index.js';
import { isDomainError, zeroOf } from '../../../domain/shared/index.js';
import { formatPosition } from '../../../eventstore/position.js';
import { domainErrorProblem } from '../../problems/domain-error-problem.js';
import { ProblemError } from '../../problems/problem.js';
import type { RouteDeps } from '../../route-deps.js';
import { productById } from './catalog-lookup.js';
import { couponCustomerKey, previewCoupon, type Buyer } from './checkout-inputs.js';
import type { SettlementWatcher } from './settlement-watcher.js';

export interface OrderDraft {
  readonly orderId: string;
  readonly buyer: Buyer;
  readonly cartId: string | null;
  readonly lines: readonly OrderLine[];
  readonly couponCode: string | null;
  readonly shippingAddress: ShippingAddress;
  readonly shippingOption: ShippingOption;
  readonly payment: { readonly token: string; readonly last4: string };
}

/**
 * Cart lines become order lines with their seller. A product's seller never changes (no event moves
 * it), so this process's view of the product's stream is enough: no read when it has one.
 */
export async function withSellers(deps: RouteDeps, lines: readonly CartLine[]): Promise<OrderLine[]> {
  const productIds = [...new Set(lines.map((line) => line.productId))];
  // A product this process saw as missing is read again: it may have been created elsewhere since.
  const sellerOf = async (id: string) => (await productById(deps, id, 'cached')) ?? (await productById(deps, id));
  const products = new Map(await Promise.all(productIds.map(async (id) => [id, await sellerOf(id)] as const)));
  return lines.map((line) => {
    const product = products.get(line.productId);
    if (!product) {
      throw new ProblemError(409, 'PRODUCT_NOT_AVAILABLE', 'Product not available', `${line.sku} is no longer sold`, { sku: line.sku });
    }
    return { sku: line.sku, productId: line.productId, sellerId: product.sellerId, quantity: line.quantity, unitPrice: line.unitPrice };
  });
}

/**
 * The PlaceOrder command for a draft, checked as far as it can be before anything is written: the
 * coupon as the saga will redeem it, the pricing as the order will compute it, and the command's own
 * schema (no card number can pass `paymentTokenSchema`). A refusal here leaves no trace.
 */
export async function placeOrderCommand(deps: RouteDeps, draft: OrderDraft): Promise<PlaceOrder> {
  const currency = draft.lines[0]?.unitPrice.currency ?? 'USD';
  // Priced once without the coupon: this refuses mixed currencies and gives the subtotal the coupon is worked out on.
  const undiscounted = priceOrder(draft.lines, zeroOf(currency), draft.shippingOption, draft.shippingAddress.country);
  if (isDomainError(undiscounted)) throw domainErrorProblem(undiscounted);
  const discount =
    draft.couponCode === null ? zeroOf(currency) : await previewCoupon(deps, draft.couponCode, undiscounted.subtotal, couponCustomerKey(draft.buyer));
  const pricing = priceOrder(draft.lines, discount, draft.shippingOption, draft.shippingAddress.country);
  if (isDomainError(pricing)) throw domainErrorProblem(pricing);
  const command: PlaceOrder = {
    type: 'PlaceOrder',
    data: {
      orderId: draft.orderId,
      customerId: draft.buyer.customerId,
      guestEmail: draft.buyer.guestEmail,
      cartId: draft.cartId,
      lines: [...draft.lines],
      couponCode: draft.couponCode,
      discount,
      shippingAddress: draft.shippingAddress,
      shippingOption: draft.shippingOption,
      paymentToken: draft.payment.token,
      cardLast4: draft.payment.last4,
      at: new Date().toISOString(),
    },
  };
  const checked = placeOrderSchema.safeParse(command);
  if (!checked.success) {
    // Issues name paths and rules, never the values (the token is among them).
    const errors = checked.error.issues.map((issue) => ({ path: `order.${issue.path.join('.')}`, message: issue.message }));
    throw new ProblemError(422, 'INVALID_ORDER', 'Invalid order', 'the order cannot be placed as given', { errors });
  }
  return command;
}

/** Sends PlaceOrder; a retry of the same request (same command id) is answered as the first. */
export async function sendPlaceOrder(deps: RouteDeps, request: FastifyRequest, command: PlaceOrder): Promise<string | null> {
  const result = await deps.system.commands.order.send(command, {
    commandId: `${request.commandId}/place-order`,
    correlationId: request.id,
    ...(request.principal ? { userId: request.principal.customerId } : {}),
  });
  if (!result.ok) throw domainErrorProblem(result.error);
  return result.position ? formatPosition(result.position) : null;
}

/**
 * 202 {orderId, position} at once; with `?wait=true`, 200 {orderId, status, reason?} once the saga
 * has settled the order, or the 202 after CHECKOUT_WAIT_MS.
 */
export async function checkoutAnswer(
  watcher: SettlementWatcher,
  reply: FastifyReply,
  orderId: string,
  position: string | null,
  wait: boolean,
) {
  if (!wait) return reply.code(202).send({ orderId, position });
  const { state, position: settledAt } = await watcher.settled(orderId);
  if (state.status === 'NONE' || state.status === 'PENDING') return reply.code(202).send({ orderId, position });
  return reply.code(200).send({
    orderId,
    status: state.status,
    ...(state.rejection ? { reason: state.rejection.reason } : {}),
    position: settledAt,
  });
}
