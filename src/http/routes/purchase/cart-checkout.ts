import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { uuidFromName } from '../../../commands/event-ids.js';
import { cartError, type Cart, type CartLine } from '../../../domain/cart/index.js';
import { canonicalJson } from '../../../domain/shared/index.js';
import { domainErrorProblem } from '../../problems/domain-error-problem.js';
import type { RouteDeps } from '../../route-deps.js';
import { buyerOf, paymentToken } from './checkout-inputs.js';
import { placeOrderCommand, sendPlaceOrder, withSellers } from './place-order.js';
import type { checkoutBody } from './purchase-schemas.js';

/**
 * Checks a cart out: everything that can refuse is checked first (cart, buyer, coupon, pricing,
 * card), then the cart is closed with CheckOutCart and the order placed with PlaceOrder — in that
 * order, so that two checkouts racing for one cart cannot both place an order (the second finds
 * the cart checked out). Both commands carry ids derived from the request's command id, and the
 * order id is derived from it too: a retry with the same Idempotency-Key resumes where the first
 * attempt stopped (the cart already checked out for this very order) instead of starting over.
 */
export async function checkOutCart(
  deps: RouteDeps,
  request: FastifyRequest,
  cart: Cart,
  body: z.infer<typeof checkoutBody>,
): Promise<{ orderId: string; position: string | null }> {
  const orderId = uuidFromName(`${request.commandId}/order`);
  const buyer = buyerOf(request, body.email);
  const resuming = cart.status === 'CHECKED_OUT' && cart.orderId === orderId;
  if (!resuming) {
    if (cart.status === 'CHECKED_OUT') throw domainErrorProblem(cartError('CART_ALREADY_CHECKED_OUT', `cart ${cart.cartId} was already checked out`));
    if (cart.status !== 'OPEN') throw domainErrorProblem(cartError('CART_CLOSED', `cart ${cart.cartId} is ${cart.status} and can no longer change`));
    if (cart.lines.length === 0) throw domainErrorProblem(cartError('CART_EMPTY', `cart ${cart.cartId} has no items`));
  }
  const payment = await paymentToken(deps.system.gateway, body.payment);
  const commandFor = async (lines: readonly CartLine[], couponCode: string | null) =>
    placeOrderCommand(deps, {
      orderId,
      buyer,
      cartId: cart.cartId,
      lines: await withSellers(deps, lines),
      couponCode,
      shippingAddress: body.shippingAddress,
      shippingOption: body.shippingOption,
      payment,
    });
  let command = await commandFor(cart.lines, cart.couponCode);

  const checkedOut = await deps.system.commands.cart.send(
    { type: 'CheckOutCart', data: { cartId: cart.cartId, orderId, at: new Date().toISOString() } },
    {
      commandId: `${request.commandId}/check-out-cart`,
      correlationId: request.id,
      ...(request.principal ? { userId: request.principal.customerId } : {}),
    },
  );
  if (!checkedOut.ok) throw domainErrorProblem(checkedOut.error);
  const event = checkedOut.events.find((e) => e.type === 'CartCheckedOut');
  if (
    event?.type === 'CartCheckedOut' &&
    (canonicalJson(event.data.lines) !== canonicalJson(cart.lines) || event.data.couponCode !== cart.couponCode)
  ) {
    // The cart changed between the read and the checkout: the order takes what was checked out.
    command = await commandFor(event.data.lines, event.data.couponCode);
  }
  try {
    return { orderId, position: await sendPlaceOrder(deps, request, command) };
  } catch (error) {
    request.log.warn({ cartId: cart.cartId, orderId }, 'cart checked out but the order was refused; a retry with the same Idempotency-Key resumes');
    throw error;
  }
}
