import { z } from 'zod';
import { idSchema, nonNegativeMoneySchema, quantitySchema } from '../shared/index.js';

// The order's own value schemas; the generic ones (ids, instants, quantities, card data, coupon
// codes, positive money) come from shared.

/** ISO 3166-1 alpha-2, upper case: the key of the tax table. */
export const countryCodeSchema = z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code such as DE');

export const shippingAddressSchema = z.object({
  name: z.string().trim().min(1).max(200),
  line1: z.string().trim().min(1).max(200),
  line2: z.string().trim().max(200).optional(),
  city: z.string().trim().min(1).max(100),
  postalCode: z.string().trim().min(1).max(20),
  country: countryCodeSchema,
});
export type ShippingAddress = z.infer<typeof shippingAddressSchema>;

export const shippingOptionSchema = z.enum(['standard', 'express', 'next_day']);
export type ShippingOption = z.infer<typeof shippingOptionSchema>;

export const orderLineSchema = z.object({
  sku: idSchema,
  productId: idSchema,
  sellerId: idSchema,
  quantity: quantitySchema,
  unitPrice: nonNegativeMoneySchema,
});
export type OrderLine = z.infer<typeof orderLineSchema>;

export const returnLineSchema = z.object({ sku: idSchema, quantity: quantitySchema });
export type ReturnLine = z.infer<typeof returnLineSchema>;

export const rejectionReasonSchema = z.enum(['OUT_OF_STOCK', 'PAYMENT_DECLINED', 'PAYMENT_FAILED', 'COUPON_INVALID']);
export type RejectionReason = z.infer<typeof rejectionReasonSchema>;

/** Who cancelled: the actor's identity travels in the event metadata (`userId`), the role here. */
export const cancelledBySchema = z.enum(['customer', 'staff', 'system']);

export const reasonSchema = z.string().trim().min(1).max(500);
