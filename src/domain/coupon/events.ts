import { z } from 'zod';
import { instantSchema, moneySchema } from '../shared/index.js';
import { couponDiscountSchema } from './discount.js';

export const couponStreamCategory = 'coupon';

/** Codes are case-insensitive for shoppers and stored upper-case: "summer10" and "SUMMER10" are one coupon. */
export const normaliseCouponCode = (code: string): string => code.trim().toUpperCase();

export const couponStreamName = (code: string): string => `${couponStreamCategory}-${normaliseCouponCode(code)}`;

/** The window is half-open: valid from `validFrom` (inclusive) until `validUntil` (exclusive). */
export const couponDefinedSchema = z.object({
  type: z.literal('CouponDefined'),
  data: z.object({
    code: z.string(),
    discount: couponDiscountSchema,
    minimumOrder: moneySchema.nullable(),
    validFrom: instantSchema,
    validUntil: instantSchema,
    totalUsageLimit: z.number().int().positive().nullable(),
    perCustomerLimit: z.number().int().positive().nullable(),
    at: instantSchema,
  }),
});

/**
 * `customerKey` is the customer id, or for guests a hash of their normalised email (computed by the
 * command side; never the email itself, since this stream cannot be erased).
 */
export const couponRedeemedSchema = z.object({
  type: z.literal('CouponRedeemed'),
  data: z.object({
    code: z.string(),
    redemptionId: z.string(),
    orderId: z.string(),
    customerKey: z.string(),
    subtotal: moneySchema,
    discount: moneySchema,
    at: instantSchema,
  }),
});

/** The use is given back (its order was rejected or cancelled): it no longer counts toward the limits. */
export const couponRedemptionReleasedSchema = z.object({
  type: z.literal('CouponRedemptionReleased'),
  data: z.object({
    code: z.string(),
    redemptionId: z.string(),
    reason: z.string(),
    at: instantSchema,
  }),
});

export const couponDisabledSchema = z.object({
  type: z.literal('CouponDisabled'),
  data: z.object({ code: z.string(), at: instantSchema }),
});

export const couponEventSchema = z.discriminatedUnion('type', [
  couponDefinedSchema,
  couponRedeemedSchema,
  couponRedemptionReleasedSchema,
  couponDisabledSchema,
]);

export type CouponDefined = z.infer<typeof couponDefinedSchema>;
export type CouponRedeemed = z.infer<typeof couponRedeemedSchema>;
export type CouponRedemptionReleased = z.infer<typeof couponRedemptionReleasedSchema>;
export type CouponDisabled = z.infer<typeof couponDisabledSchema>;
export type CouponEvent = z.infer<typeof couponEventSchema>;
/** What a coupon is, as defined: the event data without the bookkeeping time. */
export type CouponDefinition = Omit<CouponDefined['data'], 'at'>;
