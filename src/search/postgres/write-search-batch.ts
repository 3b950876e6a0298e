import { sql } from 'kysely';
import type { Position } from '../../eventstore/types.js';
import type { ProjectionTrx, TableNamer } from '../../projections/runner/sql-projection.js';
import type { SearchBatch } from './search-batch.js';
import { addLexiconWords, lexiconWords } from './lexicon.js';
import { searchTables } from './search-tables.js';

const json = (rows: unknown) => sql`${JSON.stringify(rows)}::jsonb`;
const ids = (rows: readonly { product_id: string | null }[]) => rows.flatMap((row) => (row.product_id === null ? [] : [row.product_id]));

/**
 * Writes a folded page with a fixed number of multi-row statements (rows travel as one JSON
 * parameter), then recomputes the derived columns of every product the page reached. Every document
 * it changes gets the page's last position: the change feed an external index follows.
 */
export async function writeSearchBatch(trx: ProjectionTrx, batch: SearchBatch, t: TableNamer, position: Position): Promise<void> {
  const products = sql.id(t(searchTables.products));
  const touched = new Set(batch.touched);
  const reach = (found: readonly string[]) => found.forEach((id) => touched.add(id));

  if (batch.categories.size > 0) reach(await writeCategories(trx, batch, t));

  if (batch.created.size > 0) {
    await sql`
      INSERT INTO ${products} (product_id, seller_id, title, brand, description, category_id, category_path, status, currency,
        created_at, source_commit, source_prepare)
      SELECT x.product_id, x.seller_id, x.title, x.brand, x.description, x.category_id, ARRAY[x.category_id], x.status, x.currency,
        x.created_at, ${position.commit.toString()}::bigint, ${position.prepare.toString()}::bigint
      FROM jsonb_to_recordset(${json([...batch.created.values()])}) AS x(product_id text, seller_id text, title text, brand text,
        description text, category_id text, status text, currency text, created_at timestamptz)
      ON CONFLICT (product_id) DO NOTHING`.execute(trx);
  }
  if (batch.patches.size > 0) {
    await sql`
      UPDATE ${products} AS p SET title = COALESCE(x.title, p.title), brand = COALESCE(x.brand, p.brand),
        description = COALESCE(x.description, p.description), category_id = COALESCE(x.category_id, p.category_id),
        status = COALESCE(x.status, p.status)
      FROM jsonb_to_recordset(${json([...batch.patches.values()])}) AS x(product_id text, title text, brand text,
        description text, category_id text, status text)
      WHERE p.product_id = x.product_id`.execute(trx);
  }
  if (batch.skus.size > 0) {
    const result = await sql<{ product_id: string | null }>`
      INSERT INTO ${sql.id(t(searchTables.skus))} AS s (sku, product_id, price, on_hand, reserved)
      SELECT x.sku, x.product_id, x.price, x.on_hand, x.reserved
      FROM jsonb_to_recordset(${json([...batch.skus.values()])}) AS x(sku text, product_id text, price bigint, on_hand integer, reserved integer)
      ON CONFLICT (sku) DO UPDATE SET product_id = COALESCE(excluded.product_id, s.product_id), price = COALESCE(excluded.price, s.price),
        on_hand = s.on_hand + excluded.on_hand, reserved = s.reserved + excluded.reserved
      RETURNING s.product_id`.execute(trx);
    reach(ids(result.rows));
  }
  if (batch.reviews.size > 0) {
    const result = await sql<{ product_id: string | null }>`
      INSERT INTO ${sql.id(t(searchTables.reviews))} AS r (review_id, product_id, rating, approved)
      SELECT x.review_id, x.product_id, x.rating, COALESCE(x.approved, false)
      FROM jsonb_to_recordset(${json([...batch.reviews.values()])}) AS x(review_id text, product_id text, rating integer, approved boolean)
      ON CONFLICT (review_id) DO UPDATE SET product_id = COALESCE(excluded.product_id, r.product_id),
        rating = COALESCE(excluded.rating, r.rating), approved = excluded.approved
      RETURNING r.product_id`.execute(trx);
    reach(ids(result.rows));
  }
  reach(await writeOrders(trx, batch, t));

  if (touched.size > 0) await recomputeDocuments(trx, [...touched], t, position);
  // Typo correction looks words up in the lexicon: the words of new titles and brands.
  const texts = [...batch.created.values(), ...batch.patches.values()].flatMap((row) => [row.title ?? '', row.brand ?? '']);
  await addLexiconWords(trx, t, lexiconWords(texts));
}

/** Upserts the changed categories, recomputes every path and returns the products whose path moved. */
async function writeCategories(trx: ProjectionTrx, batch: SearchBatch, t: TableNamer): Promise<string[]> {
  const categories = sql.id(t(searchTables.categories));
  const rows = json([...batch.categories.values()]);
  const shape = sql`AS x(category_id text, parent_id text, moved boolean, name text)`;
  await sql`
    INSERT INTO ${categories} (category_id, parent_id, name, path)
    SELECT x.category_id, x.parent_id, x.name, ARRAY[x.category_id] FROM jsonb_to_recordset(${rows}) ${shape}
    ON CONFLICT (category_id) DO NOTHING`.execute(trx);
  await sql`
    UPDATE ${categories} AS c SET parent_id = CASE WHEN x.moved THEN x.parent_id ELSE c.parent_id END, name = COALESCE(x.name, c.name)
    FROM jsonb_to_recordset(${rows}) ${shape} WHERE c.category_id = x.category_id`.execute(trx);
  // The tree is small (one stream holds it): recompute all paths and keep the ones that changed.
  const moved = await sql<{ category_id: string }>`
    WITH RECURSIVE tree AS (
      SELECT category_id, ARRAY[category_id] AS path FROM ${categories} WHERE parent_id IS NULL
      UNION ALL
      SELECT c.category_id, tree.path || c.category_id FROM ${categories} AS c JOIN tree ON c.parent_id = tree.category_id
    )
    UPDATE ${categories} AS c SET path = tree.path FROM tree
    WHERE c.category_id = tree.category_id AND c.path IS DISTINCT FROM tree.path
    RETURNING c.category_id`.execute(trx);
  if (moved.rows.length === 0) return [];
  const found = await sql<{ product_id: string }>`
    SELECT product_id FROM ${sql.id(t(searchTables.products))}
    WHERE category_id = ANY(${moved.rows.map((row) => row.category_id)}::text[])`.execute(trx);
  return found.rows.map((row) => row.product_id);
}

/** Pending lines in, confirmed lines into `sold_units`, rejected or cancelled lines out. */
async function writeOrders(trx: ProjectionTrx, batch: SearchBatch, t: TableNamer): Promise<string[]> {
  const lines = sql.id(t(searchTables.orderLines));
  if (batch.orderLines.length > 0) {
    await sql`
      INSERT INTO ${lines} (order_id, product_id, quantity)
      SELECT x.order_id, x.product_id, x.quantity FROM jsonb_to_recordset(${json(batch.orderLines)}) AS x(order_id text, product_id text, quantity integer)`.execute(trx);
  }
  let sold: string[] = [];
  if (batch.confirmedOrders.length > 0) {
    const result = await sql<{ product_id: string }>`
      WITH done AS (DELETE FROM ${lines} WHERE order_id = ANY(${batch.confirmedOrders}::text[]) RETURNING product_id, quantity),
      units AS (SELECT product_id, sum(quantity) AS units FROM done GROUP BY product_id)
      UPDATE ${sql.id(t(searchTables.products))} AS p SET sold_units = p.sold_units + units.units
      FROM units WHERE p.product_id = units.product_id
      RETURNING p.product_id`.execute(trx);
    sold = result.rows.map((row) => row.product_id);
  }
  if (batch.droppedOrders.length > 0) {
    await sql`DELETE FROM ${lines} WHERE order_id = ANY(${batch.droppedOrders}::text[])`.execute(trx);
  }
  return sold;
}

/**
 * Price, stock, rating and category path are recomputed from their sources rather than patched,
 * so a document is always exactly what its SKUs, approved reviews and category say.
 */
async function recomputeDocuments(trx: ProjectionTrx, productIds: readonly string[], t: TableNamer, position: Position): Promise<void> {
  const skus = sql.id(t(searchTables.skus));
  const reviews = sql.id(t(searchTables.reviews));
  const categories = sql.id(t(searchTables.categories));
  await sql`
    UPDATE ${sql.id(t(searchTables.products))} AS p SET
      price_min = s.price_min,
      in_stock = COALESCE(s.in_stock, false),
      rating_avg = COALESCE(r.rating_avg, 0),
      rating_count = COALESCE(r.rating_count, 0),
      category_path = COALESCE((SELECT c.path FROM ${categories} AS c WHERE c.category_id = p.category_id), ARRAY[p.category_id]),
      source_commit = ${position.commit.toString()}::bigint,
      source_prepare = ${position.prepare.toString()}::bigint
    FROM unnest(${productIds}::text[]) AS touched(product_id)
    LEFT JOIN LATERAL (
      SELECT min(price) AS price_min, bool_or(on_hand - reserved > 0) AS in_stock FROM ${skus} WHERE product_id = touched.product_id
    ) AS s ON true
    LEFT JOIN LATERAL (
      SELECT round(avg(rating), 2)::double precision AS rating_avg, count(*)::integer AS rating_count
      FROM ${reviews} WHERE product_id = touched.product_id AND approved
    ) AS r ON true
    WHERE p.product_id = touched.product_id`.execute(trx);
}
