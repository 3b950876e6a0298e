import { sql } from 'kysely';
import { wishlistStreamCategory, type WishlistEvent } from '../../../domain/wishlist/index.js';
import type { SqlProjection } from '../../runner/sql-projection.js';
import { domainEvent } from '../shared/domain-event.js';
import { upsertRows, type RowTable } from '../shared/sql-rows.js';

const ITEMS = 'wishlist_items';

interface Item {
  readonly customerId: string;
  readonly productId: string;
  readonly addedAt: string;
}

const items: RowTable<Item> = {
  key: ['customer_id', 'product_id'],
  columns: [
    { name: 'customer_id', type: 'text', value: (i) => i.customerId },
    { name: 'product_id', type: 'text', value: (i) => i.productId },
    { name: 'added_at', type: 'timestamptz', value: (i) => i.addedAt },
  ],
};

/** Each customer's wishlist: which products, added when. */
export const wishlistsProjection: SqlProjection = {
  name: 'wishlists',
  version: 1,
  filter: { categories: [wishlistStreamCategory] },
  tables: [ITEMS],
  async createTables(db, t) {
    await sql`
      CREATE TABLE ${sql.id(t(ITEMS))} (
        customer_id text NOT NULL,
        product_id  text NOT NULL,
        added_at    timestamptz NOT NULL,
        PRIMARY KEY (customer_id, product_id)
      )`.execute(db);
  },
  async apply(trx, recorded, t) {
    // Set semantics need no read: the last event per (customer, product) in the page decides.
    const last = new Map<string, WishlistEvent>();
    for (const event of recorded.map((e) => domainEvent<WishlistEvent>(e))) {
      last.set(JSON.stringify([event.data.customerId, event.data.productId]), event);
    }
    const finals = [...last.values()];
    const removed = finals
      .filter((e) => e.type === 'WishlistItemRemoved')
      .map(({ data }) => ({ customer_id: data.customerId, product_id: data.productId }));
    if (removed.length > 0) {
      await sql`
        DELETE FROM ${sql.id(t(ITEMS))} AS w
        USING jsonb_to_recordset(${JSON.stringify(removed)}::jsonb) AS r(customer_id text, product_id text)
        WHERE w.customer_id = r.customer_id AND w.product_id = r.product_id`.execute(trx);
    }
    const added = finals
      .filter((e) => e.type === 'WishlistItemAdded')
      .map(({ data }) => ({ customerId: data.customerId, productId: data.productId, addedAt: data.at }));
    await upsertRows(trx, t(ITEMS), items, added);
  },
};
