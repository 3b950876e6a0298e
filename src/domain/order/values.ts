import { z } from 'zod';
import { moneySchema, nonNegativeMoneySchema } from '../shared/index.js';

/*
 * Value schemas of the order's events and commands. `instantSchema`, `idSchema` and the card
 * schemas are generic and would belong in src/domain/shared; they live here because that folder
 * is not ours (cart and payment hold the same definitions).
 */

/** An ISO 8601 instant with an offset; the domain never reads the clock, commands bring the time. */
export const instantSchema = z.iso.datetime({ offset: true });

/** Ids arrive from outside (uuids, SKUs); no whitespace so that `order-<id>` stays one token. */
export const idSchema = z.string().min(1).max(200).regex(/^\S+$/, 'ids contain no whitespace');

export const quantitySchema = z.number().int().safe().positive();

export const positiveMoneySchema = moneySchema.extend({ amount: z.number().int().safe().positive() });

/**
 * The coupon aggregate's code format (src/domain/coupon), repeated because aggregates do not import
 * each other: trimmed and upper-cased once at the edge, so codes compare case-insensitively.
 */
export const couponCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9_-]{1,39}$/, 'expected 2-40 letters, digits, - or _');

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

/** Twelve or more digits in a row (spaces and dashes allowed between them) look like a card number. */
const PAN_LIKE = /\d(?:[ -]?\d){11,}/;

/** A gateway token. Card numbers are refused outright so that they can never reach an event. */
export const paymentTokenSchema = z
  .string()
  .min(1)
  .max(500)
  .refine((token) => !PAN_LIKE.test(token), 'a payment token, never a card number');

export const cardLast4Schema = z.string().regex(/^\d{4}$/, 'the last four digits of the card');

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
