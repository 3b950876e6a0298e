import { sql } from 'kysely';
import { inventoryStreamCategory, type InventoryEvent } from '../../../domain/inventory/index.js';
import type { SqlProjection } from '../../runner/sql-projection.js';
import { domainEvent } from '../shared/domain-event.js';
import { foldDocuments, keysToLoad } from '../shared/document-fold.js';
import { loadDocs, UPDATED_OFTEN, upsertRows, type RowTable } from '../shared/sql-rows.js';
import { evolveInventoryLevel, type InventoryLevel } from './inventory-level.js';

const LEVELS = 'inventory_levels';

const levels: RowTable<InventoryLevel> = {
  key: ['sku'],
  columns: [
    { name: 'sku', type: 'text', value: (l) => l.sku },
    { name: 'doc', type: 'jsonb', value: (l) => l },
    { name: 'available', type: 'bigint', value: (l) => l.available },
    { name: 'low_stock_since', type: 'timestamptz', value: (l) => l.lowStockSince },
  ],
};

/** On hand, reserved and available per SKU, and which SKUs are low on stock. */
export const inventoryLevelsProjection: SqlProjection = {
  name: 'inventory-levels',
  version: 1,
  filter: { categories: [inventoryStreamCategory] },
  tables: [LEVELS],
  async createTables(db, t) {
    const table = t(LEVELS);
    await sql`
      CREATE TABLE ${sql.id(table)} (
        sku             text PRIMARY KEY,
        doc             jsonb NOT NULL,
        available       bigint NOT NULL,
        low_stock_since timestamptz
      ) ${UPDATED_OFTEN}`.execute(db);
    // The low-stock list reads only the few low rows. `available` stays out of the index so that
    // stock movements, the bulk of the writes, remain in-place (HOT) updates.
    await sql`CREATE INDEX ${sql.id(`${table}_low`)} ON ${sql.id(table)} (sku) WHERE low_stock_since IS NOT NULL`.execute(db);
  },
  async apply(trx, recorded, t) {
    const events = recorded.map((e) => domainEvent<InventoryEvent>(e));
    const keyOf = (e: InventoryEvent) => e.data.sku;
    // An SKU's stream can begin with any event: every touched SKU is looked up.
    const docs = await loadDocs<InventoryLevel>(trx, t(LEVELS), 'sku', keysToLoad(events, keyOf, () => false));
    await upsertRows(trx, t(LEVELS), levels, foldDocuments(events, docs, keyOf, evolveInventoryLevel).values());
  },
};
