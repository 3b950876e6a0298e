import { sql } from 'kysely';
import { cartStreamCategory, type CartEvent } from '../../../domain/cart/index.js';
import type { SqlProjection } from '../../runner/sql-projection.js';
import { domainEvent } from '../shared/domain-event.js';
import { foldDocuments, keysToLoad } from '../shared/document-fold.js';
import { loadDocs, UPDATED_OFTEN, upsertRows, type RowTable } from '../shared/sql-rows.js';
import { evolveCartView, type CartView } from './cart-view.js';

const CARTS = 'carts';

const carts: RowTable<CartView> = {
  key: ['cart_id'],
  columns: [
    { name: 'cart_id', type: 'text', value: (c) => c.cartId },
    { name: 'doc', type: 'jsonb', value: (c) => c },
    { name: 'customer_id', type: 'text', value: (c) => c.customerId },
    { name: 'status', type: 'text', value: (c) => c.status },
    { name: 'last_activity_at', type: 'timestamptz', value: (c) => c.lastActivityAt },
  ],
};

/** Every cart with its lines, subtotal, coupon and status. */
export const cartsProjection: SqlProjection = {
  name: 'carts',
  version: 1,
  filter: { categories: [cartStreamCategory] },
  tables: [CARTS],
  async createTables(db, t) {
    const table = t(CARTS);
    await sql`
      CREATE TABLE ${sql.id(table)} (
        cart_id          text PRIMARY KEY,
        doc              jsonb NOT NULL,
        customer_id      text,
        status           text NOT NULL,
        last_activity_at timestamptz NOT NULL
      ) ${UPDATED_OFTEN}`.execute(db);
    // A customer's open carts (the merge and "my cart" lookups).
    await sql`CREATE INDEX ${sql.id(`${table}_customer`)} ON ${sql.id(table)} (customer_id, status) WHERE customer_id IS NOT NULL`.execute(db);
  },
  async apply(trx, recorded, t) {
    const events = recorded.map((e) => domainEvent<CartEvent>(e));
    const keyOf = (e: CartEvent) => e.data.cartId;
    const toLoad = keysToLoad(events, keyOf, (e) => e.type === 'CartOpened');
    const docs = await loadDocs<CartView>(trx, t(CARTS), 'cart_id', toLoad);
    await upsertRows(trx, t(CARTS), carts, foldDocuments(events, docs, keyOf, evolveCartView).values());
  },
};
