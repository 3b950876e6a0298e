import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { productStreamName } from '../../domain/product/index.js';
import { formatPosition } from '../../eventstore/position.js';
import { getWishlist } from '../../projections/read-models/index.js';
import { domainErrorProblem } from '../problems/domain-error-problem.js';
import { problems } from '../problems/problem.js';
import type { RouteDeps } from '../route-deps.js';
import { awaitPosition, positionQuery } from '../support/read-your-writes.js';
import { errorResponses, positionField } from '../support/schemas.js';
import { productIdParams } from './catalog/catalog-schemas.js';
import { maySeeProduct } from './catalog/visible-product.js';

const wishlistSchema = z.object({
  customerId: z.string(),
  items: z.array(z.object({ productId: z.string(), addedAt: z.string() })).readonly().describe('Most recently added first'),
});

const changeSchema = z.object({
  productId: z.string(),
  inWishlist: z.boolean(),
  changed: z.boolean().describe('false when it already was (or was not) in the wishlist'),
  position: positionField,
});

/** The signed-in customer's wishlist: a set of products, added and removed idempotently (PUT / DELETE). */
export const wishlistRoutes: FastifyPluginAsync<RouteDeps> = async (app, deps) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { system } = deps;

  api.get(
    '/me/wishlist',
    {
      config: { access: 'customer' },
      schema: {
        tags: ['wishlist'],
        summary: 'My wishlist',
        querystring: z.strictObject({ position: positionQuery }),
        response: { 200: wishlistSchema, ...errorResponses() },
      },
    },
    async (request, reply) => {
      await awaitPosition(deps.readYourWrites, reply, 'wishlists', request.query.position);
      return getWishlist(system.db, request.principal!.customerId);
    },
  );

  const change = async (request: FastifyRequest, productId: string, type: 'AddToWishlist' | 'RemoveFromWishlist') => {
    const customerId = request.principal!.customerId;
    const result = await system.commands.wishlist.send(
      { type, data: { customerId, productId, at: new Date().toISOString() } },
      { commandId: request.commandId, correlationId: request.id, userId: customerId },
    );
    if (!result.ok) throw domainErrorProblem(result.error);
    return {
      productId,
      inWishlist: type === 'AddToWishlist',
      changed: result.events.length > 0,
      position: result.position ? formatPosition(result.position) : null,
    };
  };

  api.put(
    '/me/wishlist/:productId',
    {
      config: { access: 'customer' },
      schema: {
        tags: ['wishlist'],
        summary: 'Add a product to my wishlist',
        params: productIdParams,
        response: { 200: changeSchema, ...errorResponses(404) },
      },
    },
    async (request) => {
      // The wishlist domain takes any id: only a product the shopper can see may be wished for. Read
      // from its stream, not the catalog, so a product published a moment ago counts already.
      const { productId } = request.params;
      const { state } = await system.commands.product.read(productStreamName(productId));
      if (state.status === 'absent' || !maySeeProduct(request.principal, state)) throw problems.notFound('product', productId);
      return change(request, productId, 'AddToWishlist');
    },
  );

  api.delete(
    '/me/wishlist/:productId',
    {
      config: { access: 'customer' },
      schema: {
        tags: ['wishlist'],
        summary: 'Remove a product from my wishlist',
        description: 'Works for products that have since been unpublished too.',
        params: productIdParams,
        response: { 200: changeSchema, ...errorResponses() },
      },
    },
    async (request) => change(request, request.params.productId, 'RemoveFromWishlist'),
  );
};
