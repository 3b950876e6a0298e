import { z } from 'zod';
import { nonNegativeMoneySchema } from '../shared/index.js';

/*
 * Value schemas shared by the cart's events and commands. `instantSchema` and `idSchema` are
 * generic and would belong in src/domain/shared; they live here because that folder is not ours.
 */

/** An ISO 8601 instant with an offset; the domain never reads the clock, commands bring the time. */
export const instantSchema = z.iso.datetime({ offset: true });

/** Ids arrive from outside (uuids, SKUs); no whitespace so that `cart-<id>` stays one token. */
export const idSchema = z.string().min(1).max(200).regex(/^\S+$/, 'ids contain no whitespace');

export const quantitySchema = z.number().int().safe().positive();

/**
 * The coupon aggregate's code format (src/domain/coupon), repeated because aggregates do not import
 * each other: trimmed and upper-cased once at the edge, so codes compare case-insensitively.
 */
export const couponCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9_-]{1,39}$/, 'expected 2-40 letters, digits, - or _');

export const cartOwnerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('guest') }),
  z.object({ kind: z.literal('customer'), customerId: idSchema }),
]);
export type CartOwner = z.infer<typeof cartOwnerSchema>;

/** A line as the cart holds it: the unit price is the catalog price seen when it was last added. */
export const cartLineSchema = z.object({
  sku: idSchema,
  productId: idSchema,
  quantity: quantitySchema,
  unitPrice: nonNegativeMoneySchema,
});
export type CartLine = z.infer<typeof cartLineSchema>;
