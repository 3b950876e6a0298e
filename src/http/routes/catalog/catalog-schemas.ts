import { z } from 'zod';

/**
 * Response shapes of the catalog routes. Plain `z.object` (not strict): a serializer strips what a
 * read model adds later instead of failing the answer, and no transforms, because responses are
 * encoded with these schemas.
 */

/** `{productId}` in a path. */
export const productIdParams = z.strictObject({ productId: z.string().min(1).max(200) });

/** A conditional GET that matched: no body. */
export const notModified = z.void().describe('Not modified: your cached copy (If-None-Match) is current');

export const priceSchema = z
  .object({ amount: z.number().int().describe('integer minor units (cents)'), currency: z.string() })
  .describe('Money: an integer amount in minor units and its currency');

export const productStatusSchema = z.enum(['draft', 'published', 'unpublished', 'discontinued']);

export const ratingSummarySchema = z.object({
  average: z.number().nullable().describe('Average of approved reviews, two decimals; null when none'),
  count: z.number().int(),
});

const categoryRefSchema = z.object({ categoryId: z.string(), name: z.string(), slug: z.string() });

export const productSchema = z
  .object({
    productId: z.string(),
    sellerId: z.string(),
    title: z.string(),
    description: z.string(),
    brand: z.string(),
    categoryId: z.string(),
    categoryPath: z.array(categoryRefSchema).readonly().describe('From the root category down to the product’s own'),
    imageUrls: z.array(z.string()).readonly(),
    attributes: z.record(z.string(), z.string()),
    currency: z.string(),
    status: productStatusSchema,
    variants: z.array(z.object({ sku: z.string(), price: priceSchema, attributes: z.record(z.string(), z.string()), inStock: z.boolean() })).readonly(),
    fromPrice: priceSchema,
    rating: ratingSummarySchema,
    inStock: z.boolean(),
    createdAt: z.string(),
  })
  .describe('A product with its variants, stock flags, rating and category path');

export const productSummarySchema = z.object({
  productId: z.string(),
  title: z.string(),
  brand: z.string(),
  sellerId: z.string(),
  categoryId: z.string(),
  status: productStatusSchema,
  fromPrice: priceSchema,
  imageUrl: z.string().nullable(),
  rating: ratingSummarySchema,
  inStock: z.boolean(),
  createdAt: z.string(),
});

export const productPageSchema = z.object({ items: z.array(productSummarySchema).readonly(), nextCursor: z.string().nullable() });

/** A node of the category tree; `children` nests the same shape (a recursive schema). */
export interface CategoryNodeOut {
  readonly categoryId: string;
  readonly parentId: string | null;
  readonly name: string;
  readonly slug: string;
  readonly productCount: number;
  readonly directProductCount: number;
  readonly children: readonly CategoryNodeOut[];
}

export const categoryNodeSchema: z.ZodType<CategoryNodeOut> = z
  .object({
    categoryId: z.string(),
    parentId: z.string().nullable(),
    name: z.string(),
    slug: z.string(),
    productCount: z.number().int().describe('Published products in this category and below'),
    directProductCount: z.number().int().describe('Published products filed directly here'),
    get children(): z.ZodReadonly<z.ZodArray<z.ZodType<CategoryNodeOut>>> {
      return z.array(categoryNodeSchema).readonly();
    },
  })
  .meta({ id: 'CategoryNode', description: 'A category with the categories below it' });

export const reviewSchema = z.object({
  reviewId: z.string(),
  productId: z.string(),
  customerId: z.string(),
  rating: z.number().int().min(1).max(5),
  title: z.string(),
  body: z.string(),
  verifiedPurchase: z.boolean().describe('The author had a confirmed order of this product when reviewing'),
  helpfulCount: z.number().int(),
  submittedAt: z.string(),
  updatedAt: z.string(),
});

export const ratingStatsSchema = z.object({
  count: z.number().int(),
  average: z.number().nullable(),
  distribution: z.object({ 1: z.number().int(), 2: z.number().int(), 3: z.number().int(), 4: z.number().int(), 5: z.number().int() }),
});

export const reviewPageSchema = z.object({ items: z.array(reviewSchema).readonly(), nextCursor: z.string().nullable(), stats: ratingStatsSchema });

/** `?inStock=true|false`: `z.coerce.boolean` would read "false" as true. */
export const booleanQuery = z.enum(['true', 'false']);
