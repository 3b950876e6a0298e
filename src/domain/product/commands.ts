import { z } from 'zod';
import { actorSchema, catalogIdSchema, moneySchema, skuSchema } from '../shared/index.js';
import { attributesSchema, brandSchema, descriptionSchema, imageUrlsSchema, titleSchema } from './events.js';

const newVariantSchema = z.object({ sku: skuSchema, price: moneySchema, attributes: attributesSchema });

export const createProductSchema = z.object({
  type: z.literal('CreateProduct'),
  data: z.object({
    actor: actorSchema,
    productId: catalogIdSchema,
    sellerId: catalogIdSchema,
    title: titleSchema,
    description: descriptionSchema,
    brand: brandSchema,
    categoryId: catalogIdSchema,
    imageUrls: imageUrlsSchema,
    attributes: attributesSchema,
    variants: z.array(newVariantSchema).min(1).max(500),
  }),
});

export const updateProductDetailsSchema = z.object({
  type: z.literal('UpdateProductDetails'),
  data: z.object({
    actor: actorSchema,
    productId: catalogIdSchema,
    title: titleSchema.optional(),
    description: descriptionSchema.optional(),
    brand: brandSchema.optional(),
    categoryId: catalogIdSchema.optional(),
    imageUrls: imageUrlsSchema.optional(),
    /** Replaces the product's attributes as a whole. */
    attributes: attributesSchema.optional(),
  }),
});

export const addVariantSchema = z.object({
  type: z.literal('AddVariant'),
  data: z.object({ actor: actorSchema, productId: catalogIdSchema, variant: newVariantSchema }),
});

export const changeVariantPriceSchema = z.object({
  type: z.literal('ChangeVariantPrice'),
  data: z.object({ actor: actorSchema, productId: catalogIdSchema, sku: skuSchema, price: moneySchema }),
});

const byActor = z.object({ actor: actorSchema, productId: catalogIdSchema });
export const publishProductSchema = z.object({ type: z.literal('PublishProduct'), data: byActor });
export const unpublishProductSchema = z.object({ type: z.literal('UnpublishProduct'), data: byActor });
export const discontinueProductSchema = z.object({ type: z.literal('DiscontinueProduct'), data: byActor });

export const productCommandSchema = z.discriminatedUnion('type', [
  createProductSchema,
  updateProductDetailsSchema,
  addVariantSchema,
  changeVariantPriceSchema,
  publishProductSchema,
  unpublishProductSchema,
  discontinueProductSchema,
]);

export type CreateProduct = z.infer<typeof createProductSchema>;
export type UpdateProductDetails = z.infer<typeof updateProductDetailsSchema>;
export type AddVariant = z.infer<typeof addVariantSchema>;
export type ChangeVariantPrice = z.infer<typeof changeVariantPriceSchema>;
export type PublishProduct = z.infer<typeof publishProductSchema>;
export type UnpublishProduct = z.infer<typeof unpublishProductSchema>;
export type DiscontinueProduct = z.infer<typeof discontinueProductSchema>;
export type ProductCommand = z.infer<typeof productCommandSchema>;
