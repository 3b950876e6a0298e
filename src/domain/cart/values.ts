import { z } from 'zod';
import { idSchema, nonNegativeMoneySchema, quantitySchema } from '../shared/index.js';

// The cart's own value schemas; the generic ones (ids, instants, quantities) come from shared.

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
