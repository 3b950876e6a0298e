import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { uuidFromName } from '../../commands/event-ids.js';
import type { CartCommand } from '../../domain/cart/index.js';
import { appliedCouponCodeSchema, currencySchema, skuSchema, type DomainError } from '../../domain/shared/index.js';
import { formatPosition } from '../../eventstore/position.js';
import { domainErrorProblem } from '../problems/domain-error-problem.js';
import type { RouteDeps } from '../route-deps.js';
import { errorResponses, positionField } from '../support/schemas.js';
import { cartFor, cartView } from './purchase/cart-access.js';
import { findOffer } from './purchase/catalog-lookup.js';
import { couponCustomerKey, previewCoupon } from './purchase/checkout-inputs.js';
import { checkOutCart } from './purchase/cart-checkout.js';
import { checkoutAnswer } from './purchase/place-order.js';
import {
  cartItemParams,
  cartParams,
  cartSchema,
  checkoutAccepted,
  checkoutBody,
  checkoutSettled,
  quantityInput,
  waitQuery,
} from './purchase/purchase-schemas.js';
import { settlementWatcherFor } from './purchase/settlement-watcher.js';

const tags = ['cart'];
const now = () => new Date().toISOString();

/**
 * Carts for guests and customers, and checkout. Every change is a cart command decided on the
 * cart's stream; the answer is the cart after it. A cart is reached only through its id, and a
 * customer's cart only by its owner.
 */
export const cartRoutes: FastifyPluginAsync<RouteDeps> = async (app, deps) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { commands } = deps.system;
  const watcher = settlementWatcherFor(deps.system.store, app.log);
  app.addHook('onClose', async () => watcher.stop());

  const context = (request: FastifyRequest, step?: string) => ({
    commandId: step ? `${request.commandId}/${step}` : request.commandId,
    correlationId: request.id,
    ...(request.principal ? { userId: request.principal.customerId } : {}),
  });

  /** Sends a cart command and answers the cart after it. */
  async function change(request: FastifyRequest, command: CartCommand) {
    const result = await commands.cart.send(command, context(request));
    if (!result.ok) throw domainErrorProblem(result.error as DomainError);
    const cart = await cartFor(deps, request, command.data.cartId);
    return cartView(cart, result.position ? formatPosition(result.position) : null);
  }

  api.post(
    '/carts',
    {
      config: { access: 'public', idempotent: true },
      schema: {
        tags,
        summary: 'Open a cart (a guest cart, or a customer cart when signed in)',
        body: z.strictObject({ currency: currencySchema.default('USD') }).nullish(),
        response: { 201: z.object({ cartId: z.string(), position: positionField }), ...errorResponses(409) },
      },
    },
    async (request, reply) => {
      const cartId = uuidFromName(`${request.commandId}/cart`);
      const customerId = request.principal?.customerId;
      const owner = customerId ? { kind: 'customer' as const, customerId } : { kind: 'guest' as const };
      const result = await commands.cart.send(
        { type: 'OpenCart', data: { cartId, owner, currency: request.body?.currency ?? 'USD', at: now() } },
        context(request),
      );
      if (!result.ok) throw domainErrorProblem(result.error);
      return reply.code(201).send({ cartId, position: result.position ? formatPosition(result.position) : null });
    },
  );

  api.get(
    '/carts/:cartId',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'A cart', params: cartParams, response: { 200: cartSchema, ...errorResponses(404) } },
    },
    async (request) => cartView(await cartFor(deps, request, request.params.cartId, true)),
  );

  api.post(
    '/carts/:cartId/items',
    {
      config: { access: 'public', idempotent: true },
      schema: {
        tags,
        summary: 'Add an item (priced from the product now)',
        params: cartParams,
        body: z.strictObject({ sku: skuSchema, quantity: quantityInput }),
        response: { 200: cartSchema, ...errorResponses(404, 409, 422) },
      },
    },
    async (request) => {
      const { cartId } = request.params;
      await cartFor(deps, request, cartId);
      const { product, variant } = await findOffer(deps, request.body.sku);
      return change(request, {
        type: 'AddCartItem',
        data: { cartId, sku: variant.sku, productId: product.productId, quantity: request.body.quantity, unitPrice: variant.price, at: now() },
      });
    },
  );

  api.put(
    '/carts/:cartId/items/:sku',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Change the quantity of an item',
        params: cartItemParams,
        body: z.strictObject({ quantity: quantityInput }),
        response: { 200: cartSchema, ...errorResponses(404, 409) },
      },
    },
    async (request) => {
      const { cartId, sku } = request.params;
      await cartFor(deps, request, cartId);
      return change(request, { type: 'ChangeCartItemQuantity', data: { cartId, sku, quantity: request.body.quantity, at: now() } });
    },
  );

  api.delete(
    '/carts/:cartId/items/:sku',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'Remove an item', params: cartItemParams, response: { 200: cartSchema, ...errorResponses(404, 409) } },
    },
    async (request) => {
      const { cartId, sku } = request.params;
      await cartFor(deps, request, cartId);
      return change(request, { type: 'RemoveCartItem', data: { cartId, sku, at: now() } });
    },
  );

  api.post(
    '/carts/:cartId/coupon',
    {
      config: { access: 'public', idempotent: true },
      schema: {
        tags,
        summary: 'Apply a coupon (checked now, redeemed at checkout)',
        params: cartParams,
        body: z.strictObject({ code: appliedCouponCodeSchema }),
        response: { 200: cartSchema, ...errorResponses(404, 409, 422) },
      },
    },
    async (request) => {
      const { cartId } = request.params;
      const cart = await cartFor(deps, request, cartId);
      const customerKey = couponCustomerKey({ customerId: request.principal?.customerId ?? null, guestEmail: null });
      // A minimum not met yet may be met once the cart is full, and a guest's own limit is known only with the email.
      const notFinal = ['MINIMUM_NOT_MET', ...(request.principal ? [] : ['CUSTOMER_LIMIT_REACHED'])];
      await previewCoupon(deps, request.body.code, cart.total, customerKey, notFinal);
      return change(request, { type: 'ApplyCoupon', data: { cartId, code: request.body.code, at: now() } });
    },
  );

  api.delete(
    '/carts/:cartId/coupon',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'Remove the coupon', params: cartParams, response: { 200: cartSchema, ...errorResponses(404, 409) } },
    },
    async (request) => {
      const { cartId } = request.params;
      await cartFor(deps, request, cartId);
      return change(request, { type: 'RemoveCoupon', data: { cartId, at: now() } });
    },
  );

  api.post(
    '/carts/:cartId/checkout',
    {
      config: {
        access: 'public',
        idempotent: true,
        rateLimit: { max: deps.config.RATE_LIMIT_CHECKOUT_PER_MINUTE, timeWindow: '1 minute' },
      },
      schema: {
        tags,
        summary: 'Check out: place the order and let the saga reserve stock and charge the card',
        description:
          'Answers 202 {orderId, position} at once. With ?wait=true it answers 200 {orderId, status, reason?} once the ' +
          'checkout has settled (CONFIRMED, or REJECTED with OUT_OF_STOCK, PAYMENT_DECLINED, …), or 202 after 10 s. ' +
          'Guests send an email. Send an Idempotency-Key: a retry then answers as the first and places no second order.',
        params: cartParams,
        querystring: waitQuery,
        body: checkoutBody,
        response: { 200: checkoutSettled, 202: checkoutAccepted, ...errorResponses(404, 409, 422, 503) },
      },
    },
    async (request, reply) => {
      const { orderId, position } = await checkOutCart(deps, request, request.params.cartId, request.body);
      return checkoutAnswer(watcher, reply, orderId, position, request.query.wait === 'true');
    },
  );
};
