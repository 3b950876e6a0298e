import type { FastifyRequest } from 'fastify';
import { cartStreamName, lineValue, type Cart } from '../../../domain/cart/index.js';
import { isAdminPrincipal } from '../../auth/access.js';
import { problems } from '../../problems/problem.js';
import type { RouteDeps } from '../../route-deps.js';

/**
 * The cart if this caller may use it: a customer's cart only by its owner (or an admin), a guest
 * cart by whoever holds its id. Anything else is answered as missing, so ids cannot be probed.
 * `current` (this process's latest view) is enough: every change is decided again on the stream.
 */
export async function cartFor(deps: RouteDeps, request: FastifyRequest, cartId: string, fresh = false): Promise<Cart> {
  const handler = deps.system.commands.cart;
  const { state } = fresh ? await handler.read(cartStreamName(cartId)) : await handler.current(cartStreamName(cartId));
  if (state.status === 'NONE' || !mayUse(request, state)) throw problems.notFound('cart', cartId);
  return state;
}

export function mayUse(request: FastifyRequest, cart: Cart): boolean {
  if (cart.owner.kind === 'guest') return true;
  return request.principal?.customerId === cart.owner.customerId || isAdminPrincipal(request.principal);
}

/** The cart as the API shows it. */
export function cartView(cart: Cart, position?: string | null) {
  return {
    cartId: cart.cartId,
    status: cart.status,
    owner: cart.owner.kind,
    currency: cart.currency,
    lines: cart.lines.map((line) => ({ ...line, lineTotal: lineValue(line) })),
    itemCount: cart.lines.reduce((sum, line) => sum + line.quantity, 0),
    subtotal: cart.total,
    couponCode: cart.couponCode,
    orderId: cart.orderId,
    lastActivityAt: cart.lastActivityAt,
    ...(position !== undefined ? { position } : {}),
  };
}
