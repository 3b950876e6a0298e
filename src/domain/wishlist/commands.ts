import { z } from 'zod';
import { idSchema, instantSchema } from '../shared/index.js';

export const addToWishlistSchema = z.object({
  type: z.literal('AddToWishlist'),
  data: z.object({ customerId: idSchema, productId: idSchema, at: instantSchema }),
});

export const removeFromWishlistSchema = z.object({
  type: z.literal('RemoveFromWishlist'),
  data: z.object({ customerId: idSchema, productId: idSchema, at: instantSchema }),
});

export const wishlistCommandSchema = z.discriminatedUnion('type', [addToWishlistSchema, removeFromWishlistSchema]);

export type AddToWishlist = z.infer<typeof addToWishlistSchema>;
export type RemoveFromWishlist = z.infer<typeof removeFromWishlistSchema>;
export type WishlistCommand = z.infer<typeof wishlistCommandSchema>;
