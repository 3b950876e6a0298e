import type { Kysely } from 'kysely';
import type { CartView } from './cart-view.js';

export type { CartView, CartViewLine } from './cart-view.js';

// A type alias, not an interface: Kysely's `withTables` needs an index-signature-compatible shape.
type CartsView = {
  carts: { cart_id: string; doc: CartView; customer_id: string | null; status: string; last_activity_at: Date };
};

export async function getCart(db: Kysely<unknown>, cartId: string): Promise<CartView | undefined> {
  const row = await db.withTables<CartsView>().selectFrom('carts').select('doc').where('cart_id', '=', cartId).executeTakeFirst();
  return row?.doc;
}

/** The customer's open carts, most recently active first (normally one). */
export async function listCustomerOpenCarts(db: Kysely<unknown>, customerId: string): Promise<CartView[]> {
  const rows = await db
    .withTables<CartsView>()
    .selectFrom('carts')
    .select('doc')
    .where('customer_id', '=', customerId)
    .where('status', '=', 'OPEN')
    .orderBy('last_activity_at', 'desc')
    .orderBy('cart_id')
    .execute();
  return rows.map((row) => row.doc);
}
