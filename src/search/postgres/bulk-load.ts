import { sql } from 'kysely';
import type { ProjectionDb, TableNamer } from '../../projections/runner/sql-projection.js';
import type { SearchDocument } from '../search-port.js';
import { addLexiconWords, lexiconWords } from './lexicon.js';
import { documentVector, searchTables } from './search-tables.js';

export interface CategoryRow {
  readonly categoryId: string;
  readonly parentId: string | null;
  readonly name: string;
  /** Root first, ending with `categoryId`. */
  readonly path: readonly string[];
}

/**
 * Writes ready-made documents straight into a generation's tables, bypassing the events: for
 * benchmarks and seeding only (a rebuild from the log would not reproduce them). Refreshes the
 * lexicon and the planner's statistics afterwards.
 */
export async function bulkLoadSearchDocuments(
  db: ProjectionDb,
  t: TableNamer,
  documents: readonly SearchDocument[],
  categories: readonly CategoryRow[],
  chunkSize = 5_000,
): Promise<void> {
  const products = sql.id(t(searchTables.products));
  await sql`
    INSERT INTO ${sql.id(t(searchTables.categories))} (category_id, parent_id, name, path)
    SELECT x.category_id, x.parent_id, x.name, x.path
    FROM jsonb_to_recordset(${JSON.stringify(categories.map((c) => ({ category_id: c.categoryId, parent_id: c.parentId, name: c.name, path: c.path })))}::jsonb)
      AS x(category_id text, parent_id text, name text, path text[])`.execute(db);
  for (let i = 0; i < documents.length; i += chunkSize) {
    const rows = documents.slice(i, i + chunkSize).map((d) => ({
      product_id: d.productId,
      seller_id: 'seller-bench',
      title: d.title,
      brand: d.brand,
      description: d.description,
      category_id: d.categoryId,
      category_path: d.categoryPath,
      status: d.published ? 'published' : 'unpublished',
      currency: d.price?.currency ?? 'USD',
      price_min: d.price?.amount ?? null,
      rating_avg: d.rating,
      rating_count: d.ratingCount,
      in_stock: d.inStock,
      sold_units: d.soldUnits,
      created_at: d.createdAt.toISOString(),
      source_commit: d.source.commit.toString(),
      source_prepare: d.source.prepare.toString(),
    }));
    await sql`
      INSERT INTO ${products} (product_id, seller_id, title, brand, description, category_id, category_path, status, currency,
        price_min, rating_avg, rating_count, in_stock, sold_units, created_at, source_commit, source_prepare, document)
      SELECT x.product_id, x.seller_id, x.title, x.brand, x.description, x.category_id, x.category_path, x.status, x.currency,
        x.price_min, x.rating_avg, x.rating_count, x.in_stock, x.sold_units, x.created_at, x.source_commit, x.source_prepare,
        ${documentVector(sql`x.title`, sql`x.brand`, sql`x.description`)}
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(product_id text, seller_id text, title text, brand text,
        description text, category_id text, category_path text[], status text, currency text, price_min bigint,
        rating_avg double precision, rating_count integer, in_stock boolean, sold_units bigint, created_at timestamptz,
        source_commit bigint, source_prepare bigint)`.execute(db);
  }
  await addLexiconWords(db, t, lexiconWords(documents.flatMap((d) => [d.title, d.brand])));
  for (const table of Object.values(searchTables)) await sql`VACUUM ANALYZE ${sql.id(t(table))}`.execute(db);
}
