import type { Kysely } from 'kysely';
import { toIso } from '../shared/values.js';

export interface Wishlist {
  readonly customerId: string;
  /** Most recently added first. */
  readonly items: readonly { readonly productId: string; readonly addedAt: string }[];
}

// A type alias, not an interface: Kysely's `withTables` needs an index-signature-compatible shape.
type WishlistsView = {
  wishlist_items: { customer_id: string; product_id: string; added_at: Date };
};

/** An empty list for a customer who never wished for anything: a wishlist always exists. */
export async function getWishlist(db: Kysely<unknown>, customerId: string): Promise<Wishlist> {
  const rows = await db
    .withTables<WishlistsView>()
    .selectFrom('wishlist_items')
    .select(['product_id', 'added_at'])
    .where('customer_id', '=', customerId)
    .orderBy('added_at', 'desc')
    .orderBy('product_id')
    .execute();
  return { customerId, items: rows.map((row) => ({ productId: row.product_id, addedAt: toIso(row.added_at) })) };
}
