import { z } from 'zod';
import { idSchema, instantSchema, nonNegativeMoneySchema } from '../shared/index.js';
import { couponDiscountSchema } from './discount.js';

/**
 * A new code: trimmed, upper-cased, then 2-64 letters, digits, '-' or '_' (it is part of the stream
 * name and is typed by shoppers).
 */
export const couponCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9_-]{1,63}$/, 'expected 2-64 letters, digits, - or _');

/**
 * A code as carts and orders hold it (shared `appliedCouponCodeSchema`: trimmed, upper-cased, 2-40 chars).
 * Looking one up is deliberately no stricter, so a code a cart accepted gets COUPON_NOT_FOUND from
 * `decide` rather than a schema failure.
 */
export const couponCodeLookupSchema = z.string().trim().min(1).max(64).toUpperCase();

const usageLimit = z.number().int().positive().nullable();

export const defineCouponSchema = z.object({
  type: z.literal('DefineCoupon'),
  data: z
    .object({
      code: couponCodeSchema,
      discount: couponDiscountSchema,
      minimumOrder: nonNegativeMoneySchema.nullable(),
      validFrom: instantSchema,
      validUntil: instantSchema,
      totalUsageLimit: usageLimit,
      perCustomerLimit: usageLimit,
      at: instantSchema,
    })
    .refine((data) => Date.parse(data.validFrom) < Date.parse(data.validUntil), {
      message: 'validUntil must be after validFrom',
      path: ['validUntil'],
    })
    .refine(
      (data) =>
        data.discount.kind !== 'fixed' ||
        data.minimumOrder === null ||
        data.discount.amount.currency === data.minimumOrder.currency,
      { message: 'a fixed discount and its minimum order must share a currency', path: ['minimumOrder'] },
    ),
});

export const redeemCouponSchema = z.object({
  type: z.literal('RedeemCoupon'),
  data: z.object({
    code: couponCodeLookupSchema,
    /** Deterministic per order (e.g. derived from the order id) so a redelivered saga step is a no-op. */
    redemptionId: idSchema,
    orderId: idSchema,
    customerKey: z.string().min(1).max(128),
    subtotal: nonNegativeMoneySchema,
    at: instantSchema,
  }),
});

export const releaseRedemptionSchema = z.object({
  type: z.literal('ReleaseRedemption'),
  data: z.object({
    code: couponCodeLookupSchema,
    redemptionId: idSchema,
    /** Why the use is given back, e.g. 'order_rejected', 'order_cancelled'. */
    reason: z.string().trim().min(1).max(200),
    at: instantSchema,
  }),
});

export const disableCouponSchema = z.object({
  type: z.literal('DisableCoupon'),
  data: z.object({ code: couponCodeLookupSchema, at: instantSchema }),
});

export const couponCommandSchema = z.discriminatedUnion('type', [
  defineCouponSchema,
  redeemCouponSchema,
  releaseRedemptionSchema,
  disableCouponSchema,
]);

export type DefineCoupon = z.infer<typeof defineCouponSchema>;
export type RedeemCoupon = z.infer<typeof redeemCouponSchema>;
export type ReleaseRedemption = z.infer<typeof releaseRedemptionSchema>;
export type DisableCoupon = z.infer<typeof disableCouponSchema>;
export type CouponCommand = z.infer<typeof couponCommandSchema>;
