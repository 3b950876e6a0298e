import { z } from 'zod';
import { adjustmentReasons } from '../../../domain/inventory/index.js';
import { attributesSchema, brandSchema, descriptionSchema, titleSchema, type ExistingProduct } from '../../../domain/product/index.js';
import { catalogIdSchema, skuSchema } from '../../../domain/shared/index.js';
import { moneySchema, positionField } from '../../support/schemas.js';

/** Request and answer shapes of the seller area. Field rules are the product aggregate's own. */

export const MAX_ATTRIBUTES = 100;
export const MAX_VARIANTS = 100;

const attributes = attributesSchema
  .refine((value) => Object.keys(value).length <= MAX_ATTRIBUTES, `at most ${MAX_ATTRIBUTES} attributes`)
  .describe('Free-form string attributes, e.g. {"material": "wool"}');
const images = z
  .array(z.url({ protocol: /^https?$/ }).max(2048))
  .max(30)
  .describe('Image URLs (http or https), the first is the main one');

export const productStatusChange = z
  .enum(['published', 'unpublished', 'discontinued'])
  .describe('published: shoppers see it · unpublished: hidden again · discontinued: gone for good (cannot be undone)');

export const variantBody = z.strictObject({
  sku: skuSchema,
  price: moneySchema.describe('Positive integer minor units; every variant of a product has the same currency'),
  attributes: attributes.default({}),
});

export const createProductBody = z.strictObject({
  title: titleSchema,
  description: descriptionSchema,
  brand: brandSchema,
  categoryId: catalogIdSchema,
  images,
  attributes,
  variants: z.array(variantBody).min(1).max(MAX_VARIANTS),
  sellerId: catalogIdSchema.optional().describe('Admins only: the seller the product is created for (default: the caller)'),
});

/**
 * `PUT /seller/products/{productId}`: any of the details (each replaces the stored value; `attributes`
 * and `images` as a whole) and/or a `status` change. Details are applied before the status change,
 * and either both are recorded or neither.
 */
export const updateProductBody = z
  .strictObject({
    title: titleSchema.optional(),
    description: descriptionSchema.optional(),
    brand: brandSchema.optional(),
    categoryId: catalogIdSchema.optional(),
    images: images.optional(),
    attributes: attributes.optional(),
    status: productStatusChange.optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), 'send at least one field to change');

export const changePriceBody = z.strictObject({ sku: skuSchema, price: moneySchema });

/** Exactly one of `receive` (stock arrived) or `adjust` (a count correction, damage, loss, …). */
export const inventoryChangeBody = z
  .strictObject({
    receive: z
      .strictObject({
        quantity: z.number().int().min(1).max(1_000_000_000),
        warehouse: catalogIdSchema.optional().describe('Default "main"'),
      })
      .optional(),
    adjust: z
      .strictObject({
        delta: z.number().int().min(-1_000_000_000).max(1_000_000_000).refine((delta) => delta !== 0, 'must not be 0'),
        reason: z.enum(adjustmentReasons).describe('damaged and lost only remove stock; found and returned only add'),
      })
      .optional(),
  })
  .refine((body) => (body.receive === undefined) !== (body.adjust === undefined), 'send exactly one of receive or adjust');

export const stockLevel = z.object({
  sku: z.string(),
  onHand: z.number().int(),
  reserved: z.number().int(),
  available: z.number().int(),
  position: positionField,
});

const variantAnswer = z.object({ sku: z.string(), price: moneySchema, attributes: z.record(z.string(), z.string()) });

export const sellerProduct = z.object({
  productId: z.string(),
  sellerId: z.string(),
  status: z.enum(['draft', 'published', 'unpublished', 'discontinued']),
  title: z.string(),
  description: z.string(),
  brand: z.string(),
  categoryId: z.string(),
  images: z.array(z.string()),
  attributes: z.record(z.string(), z.string()),
  variants: z.array(variantAnswer),
  position: positionField,
});

export function sellerProductAnswer(product: ExistingProduct, position: string | null): z.infer<typeof sellerProduct> {
  return {
    productId: product.productId,
    sellerId: product.sellerId,
    status: product.status,
    title: product.title,
    description: product.description,
    brand: product.brand,
    categoryId: product.categoryId,
    images: [...product.imageUrls],
    attributes: { ...product.attributes },
    variants: product.variants.map((v) => ({ sku: v.sku, price: { ...v.price }, attributes: { ...v.attributes } })),
    position,
  };
}
