import { z } from 'zod';
import { instantSchema } from '../shared/index.js';

/** One wishlist per customer: its stream is named by the customer id. */
export const wishlistStreamCategory = 'wishlist';

export const wishlistStreamName = (customerId: string): string => `${wishlistStreamCategory}-${customerId}`;

export const wishlistItemAddedSchema = z.object({
  type: z.literal('WishlistItemAdded'),
  data: z.object({ customerId: z.string(), productId: z.string(), at: instantSchema }),
});

export const wishlistItemRemovedSchema = z.object({
  type: z.literal('WishlistItemRemoved'),
  data: z.object({ customerId: z.string(), productId: z.string(), at: instantSchema }),
});

export const wishlistEventSchema = z.discriminatedUnion('type', [wishlistItemAddedSchema, wishlistItemRemovedSchema]);

export type WishlistItemAdded = z.infer<typeof wishlistItemAddedSchema>;
export type WishlistItemRemoved = z.infer<typeof wishlistItemRemovedSchema>;
export type WishlistEvent = z.infer<typeof wishlistEventSchema>;
