import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getCategoryTree, getProduct, listProducts } from '../../projections/read-models/index.js';
import { isAdminPrincipal } from '../auth/access.js';
import { problems } from '../problems/problem.js';
import type { RouteDeps } from '../route-deps.js';
import { awaitPosition, positionQuery } from '../support/read-your-writes.js';
import { cursorQuery, errorResponses } from '../support/schemas.js';
import { booleanQuery, categoryNodeSchema, notModified, productIdParams, productPageSchema, productSchema, productStatusSchema } from './catalog/catalog-schemas.js';
import { matchesIfNoneMatch } from './catalog/etag.js';
import { createProductDetailCache, sendEncoded } from './catalog/product-detail-cache.js';
import { maySeeProduct } from './catalog/visible-product.js';

const listQuery = z.strictObject({
  category: z.string().min(1).max(200).optional().describe('A category id; its subcategories are included unless includeDescendants=false'),
  includeDescendants: booleanQuery.optional(),
  seller: z.string().min(1).max(200).optional().describe('Only this seller’s products'),
  brand: z.string().min(1).max(100).optional(),
  currency: z.string().regex(/^[A-Z]{3}$/).optional().describe('Only prices in this currency (set it to sort a mixed catalog by price)'),
  inStock: booleanQuery.optional(),
  sort: z.enum(['newest', 'price_asc', 'price_desc']).default('newest'),
  status: z
    .union([productStatusSchema, z.literal('any')])
    .optional()
    .describe('Default published. Other values only with seller=<your id> (or as admin): a seller’s own drafts'),
  ...cursorQuery,
  position: positionQuery,
});

/** The public catalog: the category tree, product listings and product detail (with ETag). */
export const catalogRoutes: FastifyPluginAsync<RouteDeps> = async (app, deps) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const db = deps.system.db;
  // Product detail from memory for up to a second (see createProductDetailCache for the bound).
  const details = createProductDetailCache((productId) => getProduct(db, productId));

  api.get(
    '/categories',
    {
      config: { access: 'public' },
      schema: {
        tags: ['catalog'],
        summary: 'The category tree with product counts',
        querystring: z.strictObject({ position: positionQuery }),
        response: { 200: z.object({ items: z.array(categoryNodeSchema) }), ...errorResponses() },
      },
    },
    async (request, reply) => {
      await awaitPosition(deps.readYourWrites, reply, 'category-tree', request.query.position);
      return { items: await getCategoryTree(db) };
    },
  );

  api.get(
    '/products',
    {
      config: { access: 'public' },
      schema: {
        tags: ['catalog'],
        summary: 'List products (filters, keyset pagination)',
        querystring: listQuery,
        response: { 200: productPageSchema, ...errorResponses() },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const status = q.status ?? 'published';
      // Hidden products are listed only to their own seller (and admins): `seller` must name the caller.
      if (status !== 'published' && !isAdminPrincipal(request.principal) && (q.seller === undefined || q.seller !== request.principal?.customerId)) {
        throw problems.forbidden('only published products are listed, except a seller’s own (seller=<your id>)');
      }
      await awaitPosition(deps.readYourWrites, reply, 'product-catalog', q.position);
      return listProducts(db, {
        ...(q.category !== undefined ? { categoryId: q.category } : {}),
        ...(q.includeDescendants !== undefined ? { includeDescendants: q.includeDescendants === 'true' } : {}),
        ...(q.seller !== undefined ? { sellerId: q.seller } : {}),
        ...(q.brand !== undefined ? { brand: q.brand } : {}),
        ...(q.currency !== undefined ? { currency: q.currency } : {}),
        ...(q.inStock !== undefined ? { inStock: q.inStock === 'true' } : {}),
        ...(q.cursor !== undefined ? { cursor: q.cursor } : {}),
        status,
        sort: q.sort,
        limit: q.limit,
      });
    },
  );

  api.get(
    '/products/:productId',
    {
      config: { access: 'public' },
      schema: {
        tags: ['catalog'],
        summary: 'A product (ETag; If-None-Match answers 304)',
        description:
          'Only published products are public; a seller also sees their own drafts, an admin every product. ' +
          'Without ?position= the answer may be up to 1 s older than the catalog (served from memory); with it, it is read now.',
        params: productIdParams,
        querystring: z.strictObject({ position: positionQuery }),
        response: { 200: productSchema, 304: notModified, ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const { productId } = request.params;
      const { position } = request.query;
      // A read-your-writes read waits for the projection, then reads: never a cached answer.
      if (position !== undefined) await awaitPosition(deps.readYourWrites, reply, 'product-catalog', position);
      const detail = position !== undefined ? await details.fresh(productId) : await details.recent(productId);
      if (detail === undefined || !maySeeProduct(request.principal, detail.view)) throw problems.notFound('product', productId);
      // A hidden product's answer depends on who asks: no shared cache may keep it.
      reply.header('etag', detail.etag).header('cache-control', detail.view.status === 'published' ? 'public, no-cache' : 'private, no-cache').header('vary', 'authorization');
      if (matchesIfNoneMatch(request.headers['if-none-match'], detail.etag)) return reply.code(304).send();
      // Encoded once per cached read (with the response schema), so sent as is: no zod pass per request.
      return sendEncoded(reply, detail.bytes);
    },
  );
};
