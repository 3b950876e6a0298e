import { sql } from 'kysely';
import type { SqlProjection } from '../runner/sql-projection.js';
import { foldBatch, tally } from './recommendation-batch.js';
import { addCounts, addPending, dropPending, takePending, upsertProducts } from './recommendation-writes.js';

/**
 * Co-purchase statistics from confirmed orders, for "also bought", personal recommendations and
 * cold start (read them through `createRecommendationQueries`).
 *
 * - An order counts when it is confirmed. `OrderPlaced` carries the lines and `OrderConfirmed` does
 *   not, so placed orders wait in `reco_pending_orders` until confirmed (counted) or rejected /
 *   cancelled first (dropped): a rejected or abandoned checkout never counts.
 * - Cancellations, returns and refunds after confirmation are ignored on purpose: the customer did
 *   choose these products together, which is the signal, and subtracting would mean keeping every
 *   confirmed order's basket forever. They stay in the buyer's history too (no re-recommending
 *   something they once ordered).
 * - `reco_pairs` holds each unordered pair {a, b} as two directed rows a → b and b → a, so that
 *   "bought with a" is one index range on the primary key rather than an OR over two columns.
 * - `reco_products.hidden` follows the catalog (draft, unpublished, discontinued): such products
 *   still count, they are just never recommended. Unknown to the catalog (null) counts as on sale.
 */
export const recommendationsProjection: SqlProjection = {
  name: 'recommendations',
  version: 1,
  filter: {
    categories: ['order', 'product'],
    eventTypes: [
      'OrderPlaced',
      'OrderConfirmed',
      'OrderRejected',
      'OrderCancelled',
      'ProductCreated',
      'ProductDetailsUpdated',
      'ProductPublished',
      'ProductUnpublished',
      'ProductDiscontinued',
    ],
  },
  tables: ['reco_pending_orders', 'reco_products', 'reco_pairs', 'reco_customer_products', 'reco_totals'],
  async createTables(db, t) {
    const table = (name: string) => sql.id(t(name));
    const index = (name: string, suffix: string) => sql.id(`${t(name)}_${suffix}`);
    await sql`
      CREATE TABLE ${table('reco_pending_orders')} (
        order_id    text PRIMARY KEY,
        customer_id text,
        product_ids jsonb NOT NULL
      )`.execute(db);
    await sql`
      CREATE TABLE ${table('reco_products')} (
        product_id  text PRIMARY KEY,
        category_id text,
        hidden      boolean,
        order_count integer NOT NULL DEFAULT 0
      )`.execute(db);
    // Best sellers overall and per category, read in this order by the cold-start queries.
    await sql`CREATE INDEX ${index('reco_products', 'popular')} ON ${table('reco_products')} (order_count DESC, product_id)`.execute(db);
    await sql`CREATE INDEX ${index('reco_products', 'category')} ON ${table('reco_products')} (category_id, order_count DESC, product_id)`.execute(db);
    await sql`
      CREATE TABLE ${table('reco_pairs')} (
        product_id  text NOT NULL,
        other_id    text NOT NULL,
        order_count integer NOT NULL,
        PRIMARY KEY (product_id, other_id)
      )`.execute(db);
    await sql`
      CREATE TABLE ${table('reco_customer_products')} (
        customer_id text NOT NULL,
        product_id  text NOT NULL,
        order_count integer NOT NULL,
        PRIMARY KEY (customer_id, product_id)
      )`.execute(db);
    await sql`
      CREATE TABLE ${table('reco_totals')} (
        id               boolean PRIMARY KEY DEFAULT true CHECK (id),
        confirmed_orders bigint NOT NULL
      )`.execute(db);
    await sql`INSERT INTO ${table('reco_totals')} (confirmed_orders) VALUES (0)`.execute(db);
  },
  async apply(trx, events, t) {
    const batch = foldBatch(events);
    const confirmed = [...batch.confirmed, ...(await takePending(trx, t, batch.confirmedEarlier))];
    await dropPending(trx, t, batch.droppedEarlier);
    await addPending(trx, t, batch.placed.values());
    const counts = tally(confirmed);
    await upsertProducts(trx, t, batch.products, counts.products);
    await addCounts(trx, t, counts);
  },
};
