import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getProduct } from '../../projections/read-models/index.js';
import type { Recommendation } from '../../projections/recommendations/recommendations-queries.js';
import type { RouteDeps } from '../route-deps.js';
import { awaitPosition, positionQuery } from '../support/read-your-writes.js';
import { errorResponses } from '../support/schemas.js';
import { priceSchema, productIdParams, ratingSummarySchema } from './catalog/catalog-schemas.js';
import { visibleProduct } from './catalog/visible-product.js';

const recommendationsQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(50).default(10), position: positionQuery });

const recommendationsSchema = z.object({
  items: z.array(
    z.object({
      productId: z.string(),
      reason: z.enum(['also_bought', 'personal', 'popular_in_category', 'popular']).describe('Scores compare only within one reason'),
      score: z.number(),
      title: z.string(),
      brand: z.string(),
      fromPrice: priceSchema,
      imageUrl: z.string().nullable(),
      rating: ratingSummarySchema,
      inStock: z.boolean(),
    }),
  ),
});

/** What a shopper sees of each recommended product; products no longer on sale are left out. */
async function withProducts(db: Kysely<unknown>, recommendations: readonly Recommendation[]) {
  const products = await Promise.all(recommendations.map((r) => getProduct(db, r.productId)));
  return recommendations.flatMap((r, i) => {
    const product = products[i];
    if (product === undefined || product.status !== 'published') return [];
    const { title, brand, fromPrice, rating, inStock } = product;
    return [{ ...r, title, brand, fromPrice, imageUrl: product.imageUrls[0] ?? null, rating, inStock }];
  });
}

/** Co-purchase recommendations: "customers also bought" per product, and personal ones per customer. */
export const recommendationsRoutes: FastifyPluginAsync<RouteDeps> = async (app, deps) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const db = deps.system.db;

  api.get(
    '/products/:productId/also-bought',
    {
      config: { access: 'public' },
      schema: {
        tags: ['recommendations'],
        summary: 'Customers who bought this also bought (then best sellers of its category)',
        params: productIdParams,
        querystring: recommendationsQuery,
        response: { 200: recommendationsSchema, ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const { productId } = request.params;
      await awaitPosition(deps.readYourWrites, reply, 'recommendations', request.query.position);
      await visibleProduct(db, request.principal, productId);
      return { items: await withProducts(db, await deps.recommendations.alsoBought(productId, request.query.limit)) };
    },
  );

  api.get(
    '/me/recommendations',
    {
      config: { access: 'customer' },
      schema: {
        tags: ['recommendations'],
        summary: 'Recommended for me, from my purchases (best sellers when there are none)',
        querystring: recommendationsQuery,
        response: { 200: recommendationsSchema, ...errorResponses() },
      },
    },
    async (request, reply) => {
      await awaitPosition(deps.readYourWrites, reply, 'recommendations', request.query.position);
      return { items: await withProducts(db, await deps.recommendations.recommendedFor(request.principal!.customerId, request.query.limit)) };
    },
  );
};
