import { z } from 'zod';
import { appliedCouponCodeSchema, currencySchema, idSchema, instantSchema, quantitySchema } from '../shared/index.js';
import { cartLineSchema, cartOwnerSchema } from './values.js';

export const cartStreamCategory = 'cart';
export const cartStreamName = (cartId: string): string => `${cartStreamCategory}-${cartId}`;

export const cartOpenedSchema = z.object({
  type: z.literal('CartOpened'),
  data: z.object({ cartId: idSchema, owner: cartOwnerSchema, currency: currencySchema, at: instantSchema }),
});

/** `quantity` is what was added; the line's quantity is the sum, its unit price the latest snapshot. */
export const cartItemAddedSchema = z.object({
  type: z.literal('CartItemAdded'),
  data: cartLineSchema.extend({ cartId: idSchema, at: instantSchema }),
});

export const cartItemQuantityChangedSchema = z.object({
  type: z.literal('CartItemQuantityChanged'),
  data: z.object({ cartId: idSchema, sku: idSchema, quantity: quantitySchema, at: instantSchema }),
});

export const cartItemRemovedSchema = z.object({
  type: z.literal('CartItemRemoved'),
  data: z.object({ cartId: idSchema, sku: idSchema, at: instantSchema }),
});

/** On the customer's cart: the guest cart's lines, added quantity by quantity (stock is capped at checkout). */
export const guestCartMergedSchema = z.object({
  type: z.literal('GuestCartMerged'),
  data: z.object({ cartId: idSchema, sourceCartId: idSchema, lines: z.array(cartLineSchema), at: instantSchema }),
});

/** On the guest cart: it was folded into `targetCartId` and is closed. */
export const cartMergedIntoSchema = z.object({
  type: z.literal('CartMergedInto'),
  data: z.object({ cartId: idSchema, targetCartId: idSchema, at: instantSchema }),
});

export const couponAppliedSchema = z.object({
  type: z.literal('CouponApplied'),
  data: z.object({ cartId: idSchema, code: appliedCouponCodeSchema, at: instantSchema }),
});

export const couponRemovedSchema = z.object({
  type: z.literal('CouponRemoved'),
  data: z.object({ cartId: idSchema, code: appliedCouponCodeSchema, at: instantSchema }),
});

/** Carries what was checked out so that the order can be placed from the event alone. */
export const cartCheckedOutSchema = z.object({
  type: z.literal('CartCheckedOut'),
  data: z.object({
    cartId: idSchema,
    orderId: idSchema,
    lines: z.array(cartLineSchema).min(1),
    couponCode: appliedCouponCodeSchema.nullable(),
    at: instantSchema,
  }),
});

export const cartExpiredSchema = z.object({
  type: z.literal('CartExpired'),
  data: z.object({ cartId: idSchema, lastActivityAt: instantSchema, at: instantSchema }),
});

export const cartEventSchema = z.discriminatedUnion('type', [
  cartOpenedSchema,
  cartItemAddedSchema,
  cartItemQuantityChangedSchema,
  cartItemRemovedSchema,
  guestCartMergedSchema,
  cartMergedIntoSchema,
  couponAppliedSchema,
  couponRemovedSchema,
  cartCheckedOutSchema,
  cartExpiredSchema,
]);

export type CartOpened = z.infer<typeof cartOpenedSchema>;
export type CartItemAdded = z.infer<typeof cartItemAddedSchema>;
export type CartItemQuantityChanged = z.infer<typeof cartItemQuantityChangedSchema>;
export type CartItemRemoved = z.infer<typeof cartItemRemovedSchema>;
export type GuestCartMerged = z.infer<typeof guestCartMergedSchema>;
export type CartMergedInto = z.infer<typeof cartMergedIntoSchema>;
export type CouponApplied = z.infer<typeof couponAppliedSchema>;
export type CouponRemoved = z.infer<typeof couponRemovedSchema>;
export type CartCheckedOut = z.infer<typeof cartCheckedOutSchema>;
export type CartExpired = z.infer<typeof cartExpiredSchema>;
export type CartEvent = z.infer<typeof cartEventSchema>;
