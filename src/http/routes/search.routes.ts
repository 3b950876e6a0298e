import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { decodeCursor, encodeCursor } from '../../projections/read-models/shared/pagination.js';
import { maxPerPage } from '../../search/search-query.js';
import { searchSorts, type SearchFilters } from '../../search/search-port.js';
import type { RouteDeps } from '../route-deps.js';
import { awaitPosition, positionQuery } from '../support/read-your-writes.js';
import { errorResponses } from '../support/schemas.js';
import { booleanQuery, priceSchema } from './catalog/catalog-schemas.js';

const minorUnits = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

const searchQuery = z.strictObject({
  q: z.string().max(200).optional().describe('Free text, typo tolerant; `-word` excludes. Empty: browse'),
  category: z.string().min(1).max(200).optional().describe('A category id, its subcategories included'),
  brand: z
    .union([z.string().min(1).max(100), z.array(z.string().min(1).max(100)).max(20)])
    .optional()
    .describe('A brand; repeat the parameter for any of several'),
  minPrice: minorUnits.optional().describe('Inclusive, minor units'),
  maxPrice: minorUnits.optional().describe('Inclusive, minor units'),
  minRating: z.coerce.number().min(0).max(5).optional(),
  inStock: booleanQuery.optional().describe('true: only products that can be bought now'),
  sort: z.enum(searchSorts).optional().describe('Default: relevance with a text, best selling without'),
  cursor: z.string().max(200).optional().describe('Opaque cursor from the previous page'),
  limit: z.coerce.number().int().min(1).max(maxPerPage).default(20),
  position: positionQuery,
});

const facetValue = z.object({ value: z.string(), count: z.number().int() });
const rangeFacetValue = z.object({ key: z.string(), from: z.number(), to: z.number().nullable(), count: z.number().int() });

const searchResponse = z.object({
  hits: z.array(
    z.object({
      productId: z.string(),
      title: z.string(),
      brand: z.string(),
      categoryId: z.string(),
      price: priceSchema.nullable(),
      rating: z.number(),
      ratingCount: z.number().int(),
      inStock: z.boolean(),
      highlights: z.object({ title: z.string().optional() }).optional().describe('The title with matched words in <mark>…</mark>'),
    }),
  ),
  total: z.number().int(),
  facets: z.object({
    category: z.array(facetValue).readonly(),
    brand: z.array(facetValue).readonly(),
    price: z.array(rangeFacetValue).readonly().describe('Buckets [from, to) in minor units'),
    rating: z.array(rangeFacetValue).readonly(),
  }),
  nextCursor: z.string().nullable(),
});

/** Product search (Postgres full-text or Typesense, behind the search port) and autocomplete. */
export const searchRoutes: FastifyPluginAsync<RouteDeps> = async (app, deps) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/search/products',
    {
      config: { access: 'public' },
      schema: {
        tags: ['search'],
        summary: 'Search products: hits and facets (category, brand, price, rating)',
        querystring: searchQuery,
        response: { 200: searchResponse, ...errorResponses() },
      },
    },
    async (request, reply) => {
      const q = request.query;
      await awaitPosition(deps.readYourWrites, reply, 'product-search', q.position);
      // The port pages by number; the cursor keeps that an implementation detail.
      const page = q.cursor === undefined ? 1 : Math.max(1, Number(decodeCursor(q.cursor, ['number'])[0]));
      const result = await deps.search.search({
        ...(q.q !== undefined ? { q: q.q } : {}),
        filters: filtersOf(q),
        ...(q.sort !== undefined ? { sort: q.sort } : {}),
        page,
        perPage: q.limit,
      });
      const more = result.page * result.perPage < result.total;
      return { hits: [...result.hits], total: result.total, facets: result.facets, nextCursor: more ? encodeCursor([result.page + 1]) : null };
    },
  );

  api.get(
    '/search/suggest',
    {
      config: { access: 'public' },
      schema: {
        tags: ['search'],
        summary: 'Autocomplete product titles',
        querystring: z.strictObject({ q: z.string().trim().min(1).max(100), limit: z.coerce.number().int().min(1).max(20).default(8), position: positionQuery }),
        response: { 200: z.object({ items: z.array(z.object({ productId: z.string(), title: z.string() })) }), ...errorResponses() },
      },
    },
    async (request, reply) => {
      await awaitPosition(deps.readYourWrites, reply, 'product-search', request.query.position);
      return { items: [...(await deps.search.suggest(request.query.q, request.query.limit))] };
    },
  );
};

function filtersOf(q: z.infer<typeof searchQuery>): SearchFilters {
  const brands = q.brand === undefined ? undefined : Array.isArray(q.brand) ? q.brand : [q.brand];
  const price = q.minPrice !== undefined || q.maxPrice !== undefined ? { ...(q.minPrice !== undefined ? { min: q.minPrice } : {}), ...(q.maxPrice !== undefined ? { max: q.maxPrice } : {}) } : undefined;
  return {
    ...(q.category !== undefined ? { categoryId: q.category } : {}),
    ...(brands !== undefined ? { brands } : {}),
    ...(price !== undefined ? { price } : {}),
    ...(q.minRating !== undefined ? { minRating: q.minRating } : {}),
    ...(q.inStock === 'true' ? { inStockOnly: true } : {}),
  };
}
