import { z } from 'zod';
import {
  appliedCouponCodeSchema,
  currencySchema,
  idSchema,
  instantSchema,
  nonNegativeMoneySchema,
  quantitySchema,
} from '../shared/index.js';
import { cartLineSchema, cartOwnerSchema } from './values.js';

export const openCartSchema = z.object({
  type: z.literal('OpenCart'),
  data: z.object({ cartId: idSchema, owner: cartOwnerSchema, currency: currencySchema, at: instantSchema }),
});

/** `unitPrice` is the catalog price the command side read when the shopper added the item. */
export const addCartItemSchema = z.object({
  type: z.literal('AddCartItem'),
  data: z.object({
    cartId: idSchema,
    sku: idSchema,
    productId: idSchema,
    quantity: quantitySchema,
    unitPrice: nonNegativeMoneySchema,
    at: instantSchema,
  }),
});

export const changeCartItemQuantitySchema = z.object({
  type: z.literal('ChangeCartItemQuantity'),
  data: z.object({ cartId: idSchema, sku: idSchema, quantity: quantitySchema, at: instantSchema }),
});

export const removeCartItemSchema = z.object({
  type: z.literal('RemoveCartItem'),
  data: z.object({ cartId: idSchema, sku: idSchema, at: instantSchema }),
});

/** Sent to the customer's cart with the guest cart's lines (read from the guest cart's state). */
export const mergeGuestCartSchema = z.object({
  type: z.literal('MergeGuestCart'),
  data: z.object({ cartId: idSchema, sourceCartId: idSchema, lines: z.array(cartLineSchema), at: instantSchema }),
});

/** Sent to the guest cart: closes it as merged into the customer's cart. */
export const abandonForMergeSchema = z.object({
  type: z.literal('AbandonForMerge'),
  data: z.object({ cartId: idSchema, targetCartId: idSchema, at: instantSchema }),
});

export const applyCouponSchema = z.object({
  type: z.literal('ApplyCoupon'),
  data: z.object({ cartId: idSchema, code: appliedCouponCodeSchema, at: instantSchema }),
});

export const removeCouponSchema = z.object({
  type: z.literal('RemoveCoupon'),
  data: z.object({ cartId: idSchema, at: instantSchema }),
});

export const checkOutCartSchema = z.object({
  type: z.literal('CheckOutCart'),
  data: z.object({ cartId: idSchema, orderId: idSchema, at: instantSchema }),
});

export const expireCartSchema = z.object({
  type: z.literal('ExpireCart'),
  data: z.object({ cartId: idSchema, at: instantSchema }),
});

export const cartCommandSchema = z.discriminatedUnion('type', [
  openCartSchema,
  addCartItemSchema,
  changeCartItemQuantitySchema,
  removeCartItemSchema,
  mergeGuestCartSchema,
  abandonForMergeSchema,
  applyCouponSchema,
  removeCouponSchema,
  checkOutCartSchema,
  expireCartSchema,
]);

export type OpenCart = z.infer<typeof openCartSchema>;
export type AddCartItem = z.infer<typeof addCartItemSchema>;
export type ChangeCartItemQuantity = z.infer<typeof changeCartItemQuantitySchema>;
export type RemoveCartItem = z.infer<typeof removeCartItemSchema>;
export type MergeGuestCart = z.infer<typeof mergeGuestCartSchema>;
export type AbandonForMerge = z.infer<typeof abandonForMergeSchema>;
export type ApplyCoupon = z.infer<typeof applyCouponSchema>;
export type RemoveCoupon = z.infer<typeof removeCouponSchema>;
export type CheckOutCart = z.infer<typeof checkOutCartSchema>;
export type ExpireCart = z.infer<typeof expireCartSchema>;
export type CartCommand = z.infer<typeof cartCommandSchema>;
