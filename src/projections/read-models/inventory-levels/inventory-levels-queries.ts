import { sql, type Kysely } from 'kysely';
import { decodeCursor, pageSize, toPage, type Page } from '../shared/pagination.js';
import type { InventoryLevel } from './inventory-level.js';

export type { InventoryLevel } from './inventory-level.js';

export interface LowStockEntry {
  readonly sku: string;
  readonly available: number;
  readonly onHand: number;
  readonly reserved: number;
  readonly threshold: number;
  readonly since: string;
}

// A type alias, not an interface: Kysely's `withTables` needs an index-signature-compatible shape.
type InventoryLevelsView = {
  inventory_levels: { sku: string; doc: InventoryLevel; available: string | number; low_stock_since: Date | null };
};

export async function getInventory(db: Kysely<unknown>, sku: string): Promise<InventoryLevel | undefined> {
  const row = await db
    .withTables<InventoryLevelsView>()
    .selectFrom('inventory_levels')
    .select('doc')
    .where('sku', '=', sku)
    .executeTakeFirst();
  return row?.doc;
}

/** SKUs at or below their threshold, fewest available first. */
export async function listLowStock(db: Kysely<unknown>, options: { limit?: number; cursor?: string } = {}): Promise<Page<LowStockEntry>> {
  const size = pageSize(options.limit);
  const after = options.cursor === undefined ? undefined : decodeCursor(options.cursor, ['number', 'string']);
  const result = await sql<{ doc: InventoryLevel }>`
    SELECT doc FROM inventory_levels
    WHERE low_stock_since IS NOT NULL
      ${after ? sql`AND (available, sku) > (${after[0]}::bigint, ${after[1]}::text)` : sql``}
    ORDER BY available, sku
    LIMIT ${size + 1}`.execute(db);
  return toPage(
    result.rows,
    size,
    ({ doc }) => ({
      sku: doc.sku,
      available: doc.available,
      onHand: doc.onHand,
      reserved: doc.reserved,
      threshold: doc.lowStockThreshold,
      since: doc.lowStockSince ?? doc.updatedAt,
    }),
    ({ doc }) => [doc.available, doc.sku],
  );
}
