import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { uuidFromName } from '../../../commands/event-ids.js';
import { cartError, cartStreamName, type Cart, type CartLine } from '../../../domain/cart/index.js';
import { canonicalJson } from '../../../domain/shared/index.js';
import { domainErrorProblem } from '../../problems/domain-error-problem.js';
import { ProblemError } from '../../problems/problem.js';
import type { RouteDeps } from '../../route-deps.js';
import { cartFor } from './cart-access.js';
import { buyerOf, paymentToken } from './checkout-inputs.js';
import { placeOrderCommand, sendPlaceOrder, withSellers } from './place-order.js';
import type { checkoutBody } from './purchase-schemas.js';

/** Why this cart cannot be checked out for `orderId`, or undefined when it can (or already was, for this very order). */
function refusalOf(cart: Cart, orderId: string): ProblemError | undefined {
  if (cart.status === 'CHECKED_OUT' && cart.orderId === orderId) return undefined;
  if (cart.status === 'CHECKED_OUT') return domainErrorProblem(cartError('CART_ALREADY_CHECKED_OUT', `cart ${cart.cartId} was already checked out`));
  if (cart.status !== 'OPEN') return domainErrorProblem(cartError('CART_CLOSED', `cart ${cart.cartId} is ${cart.status} and can no longer change`));
  if (cart.lines.length === 0) return domainErrorProblem(cartError('CART_EMPTY', `cart ${cart.cartId} has no items`));
  return undefined;
}

/**
 * The cart to check out, from this process's view of its stream when that view allows it; a 404 or
 * a refusal is answered only after a fresh read, since the view may trail another process's writes.
 */
async function checkableCart(deps: RouteDeps, request: FastifyRequest, cartId: string, orderId: string): Promise<Cart> {
  const seen = await cartFor(deps, request, cartId).catch((error: unknown) => {
    if (error instanceof ProblemError && error.status === 404) return undefined;
    throw error;
  });
  if (seen !== undefined && refusalOf(seen, orderId) === undefined) return seen;
  const cart = await cartFor(deps, request, cartId, true);
  const refusal = refusalOf(cart, orderId);
  if (refusal !== undefined) throw refusal;
  return cart;
}

/**
 * The cart as CheckOutCart left it (its lines no longer change). Not the command's answer: when a
 * retry re-sends the ids of an earlier attempt's append, the store answers as that append did and
 * the events in the answer are only what was decided now, on a view that may be older. The handler's
 * view is exact after its own append and re-read after a repeated one; anything else reads the stream.
 */
async function checkedOutCart(deps: RouteDeps, cartId: string, orderId: string): Promise<Cart> {
  const handler = deps.system.commands.cart;
  const { state } = await handler.current(cartStreamName(cartId));
  if (state.status === 'CHECKED_OUT' && state.orderId === orderId) return state;
  const { state: read } = await handler.read(cartStreamName(cartId));
  if (read.status === 'CHECKED_OUT' && read.orderId === orderId) return read;
  throw new Error(`cart ${cartId} was checked out for order ${orderId} but its stream says ${read.status}`);
}

/**
 * Checks a cart out: everything that can refuse is checked first (cart, buyer, coupon, pricing,
 * card), then the cart is closed with CheckOutCart and the order placed with PlaceOrder — in that
 * order, so that two checkouts racing for one cart cannot both place an order (the second finds
 * the cart checked out). Both commands carry ids derived from the request's command id, and the
 * order id is derived from it too: a retry with the same Idempotency-Key resumes where the first
 * attempt stopped (the cart already checked out for this very order) instead of starting over.
 *
 * Two round trips to the store in the usual case (the two appends): the cart and the products'
 * sellers come from this process's latest view of their streams. That view may trail another
 * process's writes, which is safe here: CheckOutCart is decided on the stream itself, the order
 * takes the lines the checkout recorded, a refusal is confirmed on a fresh read before it is
 * answered, and a product's seller never changes.
 */
export async function checkOutCart(
  deps: RouteDeps,
  request: FastifyRequest,
  cartId: string,
  body: z.infer<typeof checkoutBody>,
): Promise<{ orderId: string; position: string | null }> {
  const orderId = uuidFromName(`${request.commandId}/order`);
  const buyer = buyerOf(request, body.email);
  const cart = await checkableCart(deps, request, cartId, orderId);
  const payment = await paymentToken(deps.system.gateway, body.payment);
  const commandFor = async (lines: readonly CartLine[], couponCode: string | null) =>
    placeOrderCommand(deps, {
      orderId,
      buyer,
      cartId,
      lines: await withSellers(deps, lines),
      couponCode,
      shippingAddress: body.shippingAddress,
      shippingOption: body.shippingOption,
      payment,
    });
  let command = await commandFor(cart.lines, cart.couponCode);

  const checkedOut = await deps.system.commands.cart.send(
    { type: 'CheckOutCart', data: { cartId, orderId, at: new Date().toISOString() } },
    {
      commandId: `${request.commandId}/check-out-cart`,
      correlationId: request.id,
      ...(request.principal ? { userId: request.principal.customerId } : {}),
    },
  );
  if (!checkedOut.ok) throw domainErrorProblem(checkedOut.error);
  const closed = await checkedOutCart(deps, cartId, orderId);
  if (canonicalJson(closed.lines) !== canonicalJson(cart.lines) || closed.couponCode !== cart.couponCode) {
    // The cart changed between the read and the checkout: the order takes what was checked out.
    command = await commandFor(closed.lines, closed.couponCode);
  }
  try {
    return { orderId, position: await sendPlaceOrder(deps, request, command) };
  } catch (error) {
    request.log.warn({ cartId, orderId }, 'cart checked out but the order was refused; a retry with the same Idempotency-Key resumes');
    throw error;
  }
}
