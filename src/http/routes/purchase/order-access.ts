import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Order } from '../../../domain/order/index.js';
import { getOrder } from '../../../projections/read-models/index.js';
import { isAdminPrincipal } from '../../auth/access.js';
import { problems } from '../../problems/problem.js';
import type { RouteDeps } from '../../route-deps.js';
import { awaitPosition } from '../../support/read-your-writes.js';
import { unlessNotCreatedYet } from './read-model-ready.js';
import { readOrder } from './settlement-watcher.js';

/**
 * Whose order this is: a customer's order is seen by its customer and admins only; a guest's order
 * (no account) by whoever holds its id, as a guest holds a cart. Others get the 404 a missing order gets.
 */
export function maySee(request: FastifyRequest, order: { readonly customerId: string | null }): boolean {
  if (order.customerId === null) return true;
  return request.principal?.customerId === order.customerId || isAdminPrincipal(request.principal);
}

/** Acting on an order (cancel, return) needs an account: its owner, or an admin. */
export function mayAct(request: FastifyRequest, order: { readonly customerId: string | null }): boolean {
  return (order.customerId !== null && request.principal?.customerId === order.customerId) || isAdminPrincipal(request.principal);
}

/** The order as its stream says now, for commands: the read model may trail. */
export async function orderToActOn(deps: RouteDeps, request: FastifyRequest, orderId: string): Promise<Order> {
  const { state } = await readOrder(deps.system.store, orderId);
  if (state.status === 'NONE' || !mayAct(request, state)) throw problems.notFound('order', orderId);
  return state;
}

/** The stream's order in the read model's shape: for an order the read model has not reached yet. */
export function viewOfAggregate(order: Order) {
  return {
    orderId: order.orderId,
    status: order.status,
    statusHistory: order.statusHistory,
    customerId: order.customerId,
    guestEmail: order.guestEmail,
    cartId: order.cartId,
    lines: order.lines,
    itemCount: order.lines.reduce((sum, line) => sum + line.quantity, 0),
    couponCode: order.couponCode,
    pricing: order.pricing,
    shippingAddress: order.shippingAddress,
    shippingOption: order.shippingOption,
    cardLast4: order.cardLast4,
    placedAt: order.placedAt,
    updatedAt: order.statusHistory.at(-1)?.at ?? order.placedAt,
    paymentId: order.paymentId,
    rejection: order.rejection,
    cancellation: order.cancellation,
    shipment: order.shipment && {
      carrier: order.shipment.carrier,
      trackingNumber: order.shipment.trackingNumber,
      shippedAt: order.shipment.at,
      deliveredAt: order.deliveredAt,
    },
    refundRequested: order.refundRequested,
    refundedTotal: order.refundedTotal,
  };
}

/**
 * The order for reads: from the orders read model (after `?position=`, read-your-writes), or from
 * its stream when the read model does not have it yet (placed a moment ago, no position given).
 */
export async function orderToShow(deps: RouteDeps, request: FastifyRequest, reply: FastifyReply, orderId: string, position: string | undefined) {
  await awaitPosition(deps.readYourWrites, reply, 'orders', position);
  const view = (await unlessNotCreatedYet(getOrder(deps.system.db, orderId), undefined)) ?? (await fromStream(deps, orderId));
  if (view === undefined || !maySee(request, view)) throw problems.notFound('order', orderId);
  return view;
}

async function fromStream(deps: RouteDeps, orderId: string) {
  const { state } = await readOrder(deps.system.store, orderId);
  return state.status === 'NONE' ? undefined : viewOfAggregate(state);
}
