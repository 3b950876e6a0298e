import { z } from 'zod';
import { catalogIdSchema, currencySchema, skuSchema } from '../shared/index.js';

export const attributesSchema = z.record(z.string().min(1).max(100), z.string().max(500));
export const imageUrlsSchema = z.array(z.url({ protocol: /^https?$/ }).max(2048)).max(30);
export const titleSchema = z.string().trim().min(1).max(200);
export const descriptionSchema = z.string().max(20_000);
export const brandSchema = z.string().trim().min(1).max(100);

/** A price as recorded: positive integer minor units. Commands take any integer so decide can answer INVALID_PRICE. */
export const priceSchema = z.object({ amount: z.number().int().safe().positive(), currency: currencySchema });

export const variantSchema = z.object({ sku: skuSchema, price: priceSchema, attributes: attributesSchema });

export const productCreatedSchema = z.object({
  type: z.literal('ProductCreated'),
  data: z.object({
    productId: catalogIdSchema,
    sellerId: catalogIdSchema,
    title: titleSchema,
    description: descriptionSchema,
    brand: brandSchema,
    categoryId: catalogIdSchema,
    imageUrls: imageUrlsSchema,
    attributes: attributesSchema,
    variants: z.array(variantSchema).min(1),
  }),
});

/** Holds only the fields that changed; a field that is absent kept its value. */
export const productDetailsUpdatedSchema = z.object({
  type: z.literal('ProductDetailsUpdated'),
  data: z.object({
    productId: catalogIdSchema,
    title: titleSchema.optional(),
    description: descriptionSchema.optional(),
    brand: brandSchema.optional(),
    categoryId: catalogIdSchema.optional(),
    imageUrls: imageUrlsSchema.optional(),
    attributes: attributesSchema.optional(),
  }),
});

export const productVariantAddedSchema = z.object({
  type: z.literal('ProductVariantAdded'),
  data: z.object({ productId: catalogIdSchema, variant: variantSchema }),
});

export const variantPriceChangedSchema = z.object({
  type: z.literal('VariantPriceChanged'),
  data: z.object({ productId: catalogIdSchema, sku: skuSchema, price: priceSchema, previousPrice: priceSchema }),
});

export const productPublishedSchema = z.object({ type: z.literal('ProductPublished'), data: z.object({ productId: catalogIdSchema }) });
export const productUnpublishedSchema = z.object({
  type: z.literal('ProductUnpublished'),
  data: z.object({ productId: catalogIdSchema }),
});
export const productDiscontinuedSchema = z.object({
  type: z.literal('ProductDiscontinued'),
  data: z.object({ productId: catalogIdSchema }),
});

export const productEventSchema = z.discriminatedUnion('type', [
  productCreatedSchema,
  productDetailsUpdatedSchema,
  productVariantAddedSchema,
  variantPriceChangedSchema,
  productPublishedSchema,
  productUnpublishedSchema,
  productDiscontinuedSchema,
]);

export type Variant = z.infer<typeof variantSchema>;
export type ProductCreated = z.infer<typeof productCreatedSchema>;
export type ProductDetailsUpdated = z.infer<typeof productDetailsUpdatedSchema>;
export type ProductVariantAdded = z.infer<typeof productVariantAddedSchema>;
export type VariantPriceChanged = z.infer<typeof variantPriceChangedSchema>;
export type ProductPublished = z.infer<typeof productPublishedSchema>;
export type ProductUnpublished = z.infer<typeof productUnpublishedSchema>;
export type ProductDiscontinued = z.infer<typeof productDiscontinuedSchema>;
export type ProductEvent = z.infer<typeof productEventSchema>;

export const productStreamCategory = 'product';
export const productStreamName = (productId: string): string => `${productStreamCategory}-${productId}`;
