import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { uuidFromName } from '../../commands/event-ids.js';
import { ratingSchema } from '../../domain/review/index.js';
import { formatPosition } from '../../eventstore/position.js';
import { getProduct, listProductReviews } from '../../projections/read-models/index.js';
import { domainErrorProblem } from '../problems/domain-error-problem.js';
import { problems } from '../problems/problem.js';
import type { RouteDeps } from '../route-deps.js';
import { awaitPosition, positionQuery } from '../support/read-your-writes.js';
import { cursorQuery, errorResponses, positionField } from '../support/schemas.js';
import { productIdParams, reviewPageSchema } from './catalog/catalog-schemas.js';
import { hasBought } from './catalog/verified-purchase.js';
import { visibleProduct } from './catalog/visible-product.js';

/** One review per customer and product: the id derives from both, so a second one lands on the same stream. */
export const reviewIdFor = (productId: string, customerId: string): string => uuidFromName(`review/${productId}/${customerId}`);

const reviewBody = z.strictObject({
  rating: ratingSchema.describe('1 to 5 stars'),
  title: z.string().trim().min(1).max(200),
  body: z.string().trim().max(10_000).default(''),
});

const submittedSchema = z.object({
  reviewId: z.string(),
  productId: z.string(),
  status: z.literal('pending').describe('Reviews are published once a moderator approves them'),
  verifiedPurchase: z.boolean(),
  position: positionField,
});

/** Product reviews: the approved ones are public; signed-in customers write one per product. */
export const reviewsRoutes: FastifyPluginAsync<RouteDeps> = async (app, deps) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const db = deps.system.db;

  api.get(
    '/products/:productId/reviews',
    {
      config: { access: 'public' },
      schema: {
        tags: ['reviews'],
        summary: 'Approved reviews of a product, newest first, with its rating stats',
        params: productIdParams,
        querystring: z.strictObject({ ...cursorQuery, position: positionQuery }),
        response: { 200: reviewPageSchema, ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const { productId } = request.params;
      await awaitPosition(deps.readYourWrites, reply, 'product-reviews', request.query.position);
      await visibleProduct(db, request.principal, productId);
      const { cursor, limit } = request.query;
      return listProductReviews(db, productId, { limit, ...(cursor !== undefined ? { cursor } : {}) });
    },
  );

  api.post(
    '/products/:productId/reviews',
    {
      config: { access: 'customer', idempotent: true },
      schema: {
        tags: ['reviews'],
        summary: 'Review a product (one per customer; verified when you bought it)',
        description: 'The review waits for moderation. `verifiedPurchase` is true when you have a confirmed, uncancelled order of the product.',
        params: productIdParams,
        body: reviewBody,
        response: { 201: submittedSchema, ...errorResponses(404, 409) },
      },
    },
    async (request, reply) => {
      const customerId = request.principal!.customerId;
      const { productId } = request.params;
      const product = await getProduct(db, productId);
      // Only what shoppers can see can be reviewed; a draft answers like a missing product.
      if (product === undefined || product.status !== 'published') throw problems.notFound('product', productId);
      const reviewId = reviewIdFor(productId, customerId);
      const verifiedPurchase = await hasBought(deps, customerId, productId);
      const { rating, title, body } = request.body;
      const result = await deps.system.commands.review.send(
        { type: 'SubmitReview', data: { reviewId, productId, customerId, rating, title, body, verifiedPurchase, at: new Date().toISOString() } },
        { commandId: request.commandId, correlationId: request.id, userId: customerId },
      );
      if (!result.ok) throw domainErrorProblem(result.error);
      return reply.code(201).send({
        reviewId,
        productId,
        status: 'pending' as const,
        verifiedPurchase,
        position: result.position ? formatPosition(result.position) : null,
      });
    },
  );
};
