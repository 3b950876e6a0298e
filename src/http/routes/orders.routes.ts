import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { uuidFromName } from '../../commands/event-ids.js';
import { orderStreamName, type OrderCommand } from '../../domain/order/index.js';
import { skuSchema } from '../../domain/shared/index.js';
import { formatPosition } from '../../eventstore/position.js';
import { listCustomerOrders } from '../../projections/read-models/index.js';
import { domainErrorProblem } from '../problems/domain-error-problem.js';
import type { RouteDeps } from '../route-deps.js';
import { awaitPosition, positionQuery } from '../support/read-your-writes.js';
import { cursorQuery, errorResponses } from '../support/schemas.js';
import { findOffer } from './purchase/catalog-lookup.js';
import { buyerOf, paymentToken } from './purchase/checkout-inputs.js';
import { orderToActOn, orderToShow } from './purchase/order-access.js';
import { unlessNotCreatedYet } from './purchase/read-model-ready.js';
import { checkoutAnswer, placeOrderCommand, sendPlaceOrder } from './purchase/place-order.js';
import {
  checkoutAccepted,
  checkoutSettled,
  directOrderBody,
  orderChanged,
  orderParams,
  orderSchema,
  orderSummarySchema,
  quantityInput,
  trackingSchema,
  waitQuery,
} from './purchase/purchase-schemas.js';
import { settlementWatcherFor } from './purchase/settlement-watcher.js';

const tags = ['orders'];
const now = () => new Date().toISOString();
const reasonInput = z.string().trim().min(1).max(500);

/**
 * Orders: placing one without a cart, reading them, and what happens after (cancel, returns,
 * tracking, and the ops steps ship and deliver). Reads come from the orders read model; commands
 * are decided on the order's stream, whose state also says who may act.
 */
export const orderRoutes: FastifyPluginAsync<RouteDeps> = async (app, deps) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { commands } = deps.system;
  const watcher = settlementWatcherFor(deps.system.store, app.log);
  app.addHook('onClose', async () => watcher.stop());

  /** Sends order commands in turn (steps of one request get ids of their own) and answers where the order stands. */
  async function act(request: FastifyRequest, orderId: string, steps: readonly [string, OrderCommand][]) {
    let position: string | null = null;
    for (const [step, command] of steps) {
      const result = await commands.order.send(command, {
        commandId: `${request.commandId}/${step}`,
        correlationId: request.id,
        ...(request.principal ? { userId: request.principal.customerId } : {}),
      });
      if (!result.ok) throw domainErrorProblem(result.error);
      if (result.position) position = formatPosition(result.position);
    }
    const { state } = await commands.order.current(orderStreamName(orderId));
    if (state.status === 'NONE') throw new Error(`order ${orderId} vanished after a command`);
    return { orderId, status: state.status, position };
  }

  api.post(
    '/orders',
    {
      config: { access: 'public', idempotent: true, rateLimit: { max: deps.config.RATE_LIMIT_CHECKOUT_PER_MINUTE, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Place an order without a cart (priced from the products now)',
        description: 'Answers as cart checkout does: 202 {orderId, position}, or with ?wait=true 200 {orderId, status, reason?} once settled.',
        querystring: waitQuery,
        body: directOrderBody,
        response: { 200: checkoutSettled, 202: checkoutAccepted, ...errorResponses(404, 409, 422, 503) },
      },
    },
    async (request, reply) => {
      const { body } = request;
      const buyer = buyerOf(request, body.email);
      const offers = await Promise.all(body.lines.map(async (line) => ({ line, offer: await findOffer(deps, line.sku) })));
      const lines = offers.map(({ line, offer }) => ({
        sku: offer.variant.sku,
        productId: offer.product.productId,
        sellerId: offer.product.sellerId,
        quantity: line.quantity,
        unitPrice: offer.variant.price,
      }));
      const payment = await paymentToken(deps.system.gateway, body.payment);
      const orderId = uuidFromName(`${request.commandId}/order`);
      const command = await placeOrderCommand(deps, {
        orderId,
        buyer,
        cartId: null,
        lines,
        couponCode: body.couponCode ?? null,
        shippingAddress: body.shippingAddress,
        shippingOption: body.shippingOption,
        payment,
      });
      const position = await sendPlaceOrder(deps, request, command);
      return checkoutAnswer(watcher, reply, orderId, position, request.query.wait === 'true');
    },
  );

  api.get(
    '/orders/:orderId',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'An order: status and its history, lines and totals',
        description: "A customer's order is seen by that customer (and admins); a guest order by whoever holds its id.",
        params: orderParams,
        querystring: z.strictObject({ position: positionQuery }),
        response: { 200: orderSchema, ...errorResponses(404) },
      },
    },
    async (request, reply) => orderToShow(deps, request, reply, request.params.orderId, request.query.position),
  );

  api.get(
    '/me/orders',
    {
      config: { access: 'customer' },
      schema: {
        tags,
        summary: 'My orders, newest first',
        querystring: z.strictObject({ ...cursorQuery, position: positionQuery }),
        response: { 200: z.object({ items: z.array(orderSummarySchema).readonly(), nextCursor: z.string().nullable() }), ...errorResponses() },
      },
    },
    async (request, reply) => {
      const { cursor, limit, position } = request.query;
      await awaitPosition(deps.readYourWrites, reply, 'orders', position);
      const customerId = request.principal!.customerId;
      const page = listCustomerOrders(deps.system.db, customerId, { limit, ...(cursor !== undefined ? { cursor } : {}) });
      return unlessNotCreatedYet(page, { items: [], nextCursor: null });
    },
  );

  api.put(
    '/orders/:orderId/cancel',
    {
      config: { access: 'customer' },
      schema: {
        tags,
        summary: 'Cancel an order (before it ships); a paid order is refunded',
        params: orderParams,
        body: z.strictObject({ reason: reasonInput.optional() }).nullish(),
        response: { 200: orderChanged, ...errorResponses(404, 409) },
      },
    },
    async (request) => {
      const order = await orderToActOn(deps, request, request.params.orderId);
      // An admin cancelling someone else's order does it as staff.
      const by = request.principal?.customerId === order.customerId ? 'customer' : 'staff';
      const reason = request.body?.reason ?? `cancelled by ${by}`;
      return act(request, order.orderId, [['cancel', { type: 'CancelOrder', data: { orderId: order.orderId, reason, by, at: now() } }]]);
    },
  );

  api.get(
    '/orders/:orderId/tracking',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Where the parcel is',
        params: orderParams,
        querystring: z.strictObject({ position: positionQuery }),
        response: { 200: trackingSchema, ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const order = await orderToShow(deps, request, reply, request.params.orderId, request.query.position);
      return {
        orderId: order.orderId,
        status: order.status,
        carrier: order.shipment?.carrier ?? null,
        trackingNumber: order.shipment?.trackingNumber ?? null,
        shippedAt: order.shipment?.shippedAt ?? null,
        deliveredAt: order.shipment?.deliveredAt ?? null,
      };
    },
  );

  api.post(
    '/orders/:orderId/returns',
    {
      config: { access: 'customer', idempotent: true },
      schema: {
        tags,
        summary: 'Ask to return items of a delivered order',
        params: orderParams,
        body: z.strictObject({
          lines: z
            .array(z.strictObject({ sku: skuSchema, quantity: quantityInput }))
            .min(1)
            .max(100),
          reason: reasonInput,
        }),
        response: { 201: orderChanged, ...errorResponses(404, 409, 422) },
      },
    },
    async (request, reply) => {
      const order = await orderToActOn(deps, request, request.params.orderId);
      const { lines, reason } = request.body;
      const answer = await act(request, order.orderId, [['return', { type: 'RequestReturn', data: { orderId: order.orderId, lines, reason, at: now() } }]]);
      return reply.code(201).send(answer);
    },
  );

  api.post(
    '/orders/:orderId/ship',
    {
      config: { access: 'admin', idempotent: true },
      schema: {
        tags,
        summary: 'Ops: hand the parcel to the carrier (captures the payment)',
        params: orderParams,
        body: z.strictObject({ carrier: z.string().trim().min(1).max(100), trackingNumber: z.string().trim().min(1).max(100) }),
        response: { 200: orderChanged, ...errorResponses(404, 409) },
      },
    },
    async (request) => {
      const order = await orderToActOn(deps, request, request.params.orderId);
      const { orderId } = order;
      const ship: [string, OrderCommand] = ['ship', { type: 'ShipOrder', data: { orderId, ...request.body, at: now() } }];
      // A confirmed order is picked and packed on the way out: processing is a step ops need not send alone.
      const steps: [string, OrderCommand][] =
        order.status === 'CONFIRMED' ? [['start-processing', { type: 'StartProcessing', data: { orderId, at: now() } }], ship] : [ship];
      return act(request, orderId, steps);
    },
  );

  api.post(
    '/orders/:orderId/deliver',
    {
      config: { access: 'admin', idempotent: true },
      schema: {
        tags,
        summary: 'Ops: the carrier delivered the parcel',
        params: orderParams,
        body: z.strictObject({}).nullish(),
        response: { 200: orderChanged, ...errorResponses(404, 409) },
      },
    },
    async (request) => {
      const { orderId } = await orderToActOn(deps, request, request.params.orderId);
      return act(request, orderId, [['deliver', { type: 'DeliverOrder', data: { orderId, at: now() } }]]);
    },
  );
};
