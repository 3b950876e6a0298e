import { sql } from 'kysely';
import type { SqlProjection } from '../../projections/runner/sql-projection.js';
import { foldSearchEvents } from './search-batch.js';
import { createSearchTables, searchTables } from './search-tables.js';
import { writeSearchBatch } from './write-search-batch.js';

/**
 * The search documents of the Postgres adapter (and the source the Typesense indexer pushes from):
 * one row per product with its text, cheapest variant price, stock, approved rating, units sold in
 * confirmed orders and category path, plus what those are derived from.
 */
export const productSearchProjection: SqlProjection = {
  name: 'product-search',
  // 2: `document` is written by the projection instead of being a generated column.
  version: 2,
  filter: {
    categories: ['product', 'catalog', 'inventory', 'review', 'order'],
    eventTypes: [
      'ProductCreated',
      'ProductDetailsUpdated',
      'ProductVariantAdded',
      'VariantPriceChanged',
      'ProductPublished',
      'ProductUnpublished',
      'ProductDiscontinued',
      'CategoryCreated',
      'CategoryRenamed',
      'CategoryMoved',
      'StockReceived',
      'StockAdjusted',
      'StockReserved',
      'ReservationReleased',
      'ReservationExpired',
      'ReservationCommitted',
      'ReviewSubmitted',
      'ReviewEdited',
      'ReviewApproved',
      'ReviewRejected',
      'OrderPlaced',
      'OrderConfirmed',
      'OrderRejected',
      'OrderCancelled',
    ],
  },
  tables: Object.values(searchTables),
  createTables: createSearchTables,
  async apply(trx, events, t) {
    const last = events.at(-1);
    if (!last) return;
    // The document UPDATE's estimated cost crosses jit_above_cost, and compiling it (30-60 ms, every
    // page) costs more than running it: these are many small index lookups, not a scan to speed up.
    await sql`SET LOCAL jit = off`.execute(trx);
    await writeSearchBatch(trx, foldSearchEvents(events), t, last.position);
  },
};
