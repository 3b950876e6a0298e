import { sql, type RawBuilder } from 'kysely';
import type { Position } from '../../eventstore/types.js';
import type { ProjectionTrx, TableNamer } from '../../projections/runner/sql-projection.js';
import type { SearchBatch } from './search-batch.js';
import { addLexiconWords, lexiconWords } from './lexicon.js';
import { documentVector, searchTables } from './search-tables.js';

const json = (rows: unknown) => sql`${JSON.stringify(rows)}::jsonb`;
const ids = (rows: readonly { product_id: string | null }[]) => rows.flatMap((row) => (row.product_id === null ? [] : [row.product_id]));

/**
 * Writes a folded page with a fixed number of multi-row statements (rows travel as one JSON
 * parameter), then brings the documents of every product the page reached up to date. Every
 * document it changes gets the page's last position: the change feed an external index follows.
 *
 * A document is written once per page. Products are inserted after their SKUs, reviews and
 * category, with their derived columns already computed; every other change to a document (its
 * patch, units sold, price, stock, rating, category path) is one UPDATE. Documents reached only
 * through a SKU or a review are written only if their price, stock or rating actually changed: most
 * stock movements change none, and each write of a document costs an entry in each of its ten
 * indexes (three of them GIN), which is what made this projection slow.
 */
export async function writeSearchBatch(trx: ProjectionTrx, batch: SearchBatch, t: TableNamer, position: Position): Promise<void> {
  // Changed by the page for certain: product events, and products whose category path moved.
  const changed = new Set(batch.touched);
  // Possibly changed: products of the SKUs and reviews the page wrote.
  const reached = new Set<string>();

  if (batch.categories.size > 0) (await writeCategories(trx, batch, t)).forEach((id) => changed.add(id));
  if (batch.skus.size > 0) {
    const result = await sql<{ product_id: string | null }>`
      INSERT INTO ${sql.id(t(searchTables.skus))} AS s (sku, product_id, price, on_hand, reserved)
      SELECT x.sku, x.product_id, x.price, x.on_hand, x.reserved
      FROM jsonb_to_recordset(${json([...batch.skus.values()])}) AS x(sku text, product_id text, price bigint, on_hand integer, reserved integer)
      ON CONFLICT (sku) DO UPDATE SET product_id = COALESCE(excluded.product_id, s.product_id), price = COALESCE(excluded.price, s.price),
        on_hand = s.on_hand + excluded.on_hand, reserved = s.reserved + excluded.reserved
      RETURNING s.product_id`.execute(trx);
    ids(result.rows).forEach((id) => reached.add(id));
  }
  if (batch.reviews.size > 0) {
    const result = await sql<{ product_id: string | null }>`
      INSERT INTO ${sql.id(t(searchTables.reviews))} AS r (review_id, product_id, rating, approved)
      SELECT x.review_id, x.product_id, x.rating, COALESCE(x.approved, false)
      FROM jsonb_to_recordset(${json([...batch.reviews.values()])}) AS x(review_id text, product_id text, rating integer, approved boolean)
      ON CONFLICT (review_id) DO UPDATE SET product_id = COALESCE(excluded.product_id, r.product_id),
        rating = COALESCE(excluded.rating, r.rating), approved = excluded.approved
      RETURNING r.product_id`.execute(trx);
    ids(result.rows).forEach((id) => reached.add(id));
  }
  if (batch.orderLines.length > 0) {
    await sql`
      INSERT INTO ${sql.id(t(searchTables.orderLines))} (order_id, product_id, quantity)
      SELECT x.order_id, x.product_id, x.quantity FROM jsonb_to_recordset(${json(batch.orderLines)}) AS x(order_id text, product_id text, quantity integer)`.execute(trx);
  }
  if (batch.created.size > 0) (await insertProducts(trx, batch, t, position)).forEach((id) => changed.delete(id));
  await updateDocuments(trx, batch, t, position, changed, reached);
  if (batch.droppedOrders.length > 0) {
    await sql`DELETE FROM ${sql.id(t(searchTables.orderLines))} WHERE order_id = ANY(${batch.droppedOrders}::text[])`.execute(trx);
  }
  // Typo correction looks words up in the lexicon: the words of new titles and brands.
  const texts = [...batch.created.values(), ...batch.patches.values()].flatMap((row) => [row.title ?? '', row.brand ?? '']);
  await addLexiconWords(trx, t, lexiconWords(texts));
}

/**
 * What a document derives from other tables, for the product row `p`: the cheapest variant, whether
 * any has stock, the approved rating. Lateral subqueries: one index range per product.
 */
function derived(t: TableNamer) {
  return sql`
    LEFT JOIN LATERAL (
      SELECT min(price) AS price_min, COALESCE(bool_or(on_hand - reserved > 0), false) AS in_stock
      FROM ${sql.id(t(searchTables.skus))} WHERE product_id = p.product_id
    ) AS s ON true
    LEFT JOIN LATERAL (
      SELECT COALESCE(round(avg(rating), 2)::double precision, 0) AS rating_avg, count(*)::integer AS rating_count
      FROM ${sql.id(t(searchTables.reviews))} WHERE product_id = p.product_id AND approved
    ) AS r ON true`;
}

const categoryPath = (t: TableNamer, categoryId: RawBuilder<unknown>) =>
  sql`COALESCE((SELECT c.path FROM ${sql.id(t(searchTables.categories))} AS c WHERE c.category_id = ${categoryId}), ARRAY[${categoryId}])`;

/** New products, complete: written after the page's SKUs, reviews and categories. Returns the ids inserted. */
async function insertProducts(trx: ProjectionTrx, batch: SearchBatch, t: TableNamer, position: Position): Promise<string[]> {
  const result = await sql<{ product_id: string }>`
    INSERT INTO ${sql.id(t(searchTables.products))} (product_id, seller_id, title, brand, description, category_id, category_path, status, currency,
      created_at, price_min, in_stock, rating_avg, rating_count, source_commit, source_prepare, document)
    SELECT p.product_id, p.seller_id, p.title, p.brand, p.description, p.category_id, ${categoryPath(t, sql`p.category_id`)}, p.status, p.currency,
      p.created_at, s.price_min, s.in_stock, r.rating_avg, r.rating_count, ${position.commit.toString()}::bigint, ${position.prepare.toString()}::bigint,
      ${documentVector(sql`p.title`, sql`p.brand`, sql`p.description`)}
    FROM jsonb_to_recordset(${json([...batch.created.values()])}) AS p(product_id text, seller_id text, title text, brand text,
      description text, category_id text, status text, currency text, created_at timestamptz)
    ${derived(t)}
    ON CONFLICT (product_id) DO NOTHING
    RETURNING product_id`.execute(trx);
  return result.rows.map((row) => row.product_id);
}

/**
 * One UPDATE for every other document the page reached: detail patches, units of the orders
 * confirmed (their pending lines are taken out here), and the derived columns recomputed from their
 * sources rather than patched, so a document is always exactly what its SKUs, approved reviews and
 * category say. `changed` documents are always written; `reached` ones only if something differs.
 */
async function updateDocuments(
  trx: ProjectionTrx,
  batch: SearchBatch,
  t: TableNamer,
  position: Position,
  changed: ReadonlySet<string>,
  reached: ReadonlySet<string>,
): Promise<void> {
  if (changed.size === 0 && reached.size === 0 && batch.confirmedOrders.length === 0) return;
  const products = sql.id(t(searchTables.products));
  await sql`
    WITH sold AS (
      DELETE FROM ${sql.id(t(searchTables.orderLines))} WHERE order_id = ANY(${batch.confirmedOrders}::text[]) RETURNING product_id, quantity
    ),
    units AS (SELECT product_id, sum(quantity)::bigint AS units FROM sold GROUP BY product_id),
    patch AS (
      SELECT * FROM jsonb_to_recordset(${json([...batch.patches.values()])})
        AS x(product_id text, title text, brand text, description text, category_id text, status text)
    ),
    touched AS (
      SELECT product_id, bool_or(forced) AS forced FROM (
        SELECT unnest(${[...changed]}::text[]) AS product_id, true AS forced
        UNION ALL SELECT unnest(${[...reached]}::text[]), false
        UNION ALL SELECT product_id, true FROM units
      ) AS all_touched GROUP BY product_id
    ),
    next AS (
      SELECT p.product_id, touched.forced, COALESCE(x.title, p.title) AS title, COALESCE(x.brand, p.brand) AS brand,
        COALESCE(x.description, p.description) AS description, COALESCE(x.category_id, p.category_id) AS category_id,
        COALESCE(x.status, p.status) AS status, p.sold_units + COALESCE(u.units, 0) AS sold_units,
        s.price_min, s.in_stock, r.rating_avg, r.rating_count
      FROM touched JOIN ${products} AS p ON p.product_id = touched.product_id
      LEFT JOIN patch AS x ON x.product_id = p.product_id
      LEFT JOIN units AS u ON u.product_id = p.product_id
      ${derived(t)}
    ),
    doc AS (SELECT next.*, ${categoryPath(t, sql`next.category_id`)} AS category_path FROM next)
    UPDATE ${products} AS p SET title = doc.title, brand = doc.brand, description = doc.description, category_id = doc.category_id,
      status = doc.status, sold_units = doc.sold_units, price_min = doc.price_min, in_stock = doc.in_stock, rating_avg = doc.rating_avg,
      rating_count = doc.rating_count, category_path = doc.category_path,
      -- Stemming is most of the cost of a write: only when the text changed.
      document = CASE WHEN (doc.title, doc.brand, doc.description) IS DISTINCT FROM (p.title, p.brand, p.description)
        THEN ${documentVector(sql`doc.title`, sql`doc.brand`, sql`doc.description`)} ELSE p.document END,
      source_commit = ${position.commit.toString()}::bigint, source_prepare = ${position.prepare.toString()}::bigint
    FROM doc
    WHERE p.product_id = doc.product_id AND (doc.forced
      OR (p.price_min, p.in_stock, p.rating_avg, p.rating_count, p.category_path)
        IS DISTINCT FROM (doc.price_min, doc.in_stock, doc.rating_avg, doc.rating_count, doc.category_path))`.execute(trx);
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
