import { sql, type RawBuilder } from 'kysely';
import type { ProjectionDb, ProjectionTrx, TableNamer } from '../../projections/runner/sql-projection.js';
import { ensurePgTrgm } from './trgm.js';

/** The projection's logical tables; readers use the views of these names. */
export const searchTables = {
  products: 'search_products',
  skus: 'search_skus',
  categories: 'search_categories',
  reviews: 'search_reviews',
  orderLines: 'search_order_lines',
  lexicon: 'search_lexicon',
} as const;

/** Stemmed English: "headphone" finds "Headphones", stop words do not have to match. */
export const textSearchConfig = sql.lit('english');

/** A document's weighted text vector: title A, brand B, description C. */
export const documentVector = (title: RawBuilder<unknown>, brand: RawBuilder<unknown>, description: RawBuilder<unknown>) => sql`
  setweight(to_tsvector(${textSearchConfig}, ${title}), 'A') ||
  setweight(to_tsvector(${textSearchConfig}, ${brand}), 'B') ||
  setweight(to_tsvector(${textSearchConfig}, ${description}), 'C')`;

/**
 * One generation's tables. `search_products` is the document; its tsvector (`documentVector`) is
 * written by whoever writes the text. Not a generated column: Postgres recomputes a stored generated
 * column on every UPDATE of the row, and stemming a description (~120 µs) was most of the cost of
 * the updates that change only stock, price, rating or units sold. The other tables hold
 * what a document is derived from (variant prices and stock per SKU, approved ratings, the
 * category tree, lines of orders not yet confirmed) and `search_lexicon` the words of titles and
 * brands (each with its stemmed lexeme) that typo correction and prefix expansion look up.
 */
export async function createSearchTables(db: ProjectionDb | ProjectionTrx, t: TableNamer): Promise<void> {
  const trgm = await ensurePgTrgm(db);
  const products = t(searchTables.products);
  const id = (suffix: string) => sql.id(`${products}_${suffix}`);
  await sql`
    CREATE TABLE ${sql.id(products)} (
      product_id     text PRIMARY KEY,
      seller_id      text NOT NULL,
      title          text NOT NULL,
      brand          text NOT NULL,
      description    text NOT NULL,
      category_id    text NOT NULL,
      category_path  text[] NOT NULL,
      status         text NOT NULL,
      currency       text NOT NULL,
      price_min      bigint,
      rating_avg     double precision NOT NULL DEFAULT 0,
      rating_count   integer NOT NULL DEFAULT 0,
      in_stock       boolean NOT NULL DEFAULT false,
      sold_units     bigint NOT NULL DEFAULT 0,
      created_at     timestamptz NOT NULL,
      source_commit  bigint NOT NULL,
      source_prepare bigint NOT NULL,
      document       tsvector NOT NULL
    )`.execute(db);
  const p = sql.id(products);
  await sql`CREATE INDEX ${id('document')} ON ${p} USING gin (document)`.execute(db);
  await sql`CREATE INDEX ${id('title_trgm')} ON ${p} USING gin (title ${trgm.ginOps})`.execute(db);
  await sql`CREATE INDEX ${id('category_path')} ON ${p} USING gin (category_path)`.execute(db);
  await sql`CREATE INDEX ${id('category_id')} ON ${p} (category_id)`.execute(db);
  await sql`CREATE INDEX ${id('brand')} ON ${p} (brand)`.execute(db);
  await sql`CREATE INDEX ${id('price')} ON ${p} (price_min, product_id)`.execute(db);
  await sql`CREATE INDEX ${id('rating')} ON ${p} (rating_avg DESC, rating_count DESC, product_id)`.execute(db);
  await sql`CREATE INDEX ${id('newest')} ON ${p} (created_at DESC, product_id)`.execute(db);
  await sql`CREATE INDEX ${id('best_selling')} ON ${p} (sold_units DESC, product_id)`.execute(db);
  // The change feed an external index (Typesense) follows.
  await sql`CREATE INDEX ${id('source')} ON ${p} (source_commit, source_prepare, product_id)`.execute(db);

  const skus = t(searchTables.skus);
  await sql`
    CREATE TABLE ${sql.id(skus)} (
      sku        text PRIMARY KEY,
      product_id text,
      price      bigint,
      on_hand    integer NOT NULL DEFAULT 0,
      reserved   integer NOT NULL DEFAULT 0
    )`.execute(db);
  await sql`CREATE INDEX ${sql.id(`${skus}_product`)} ON ${sql.id(skus)} (product_id)`.execute(db);

  const categories = t(searchTables.categories);
  await sql`
    CREATE TABLE ${sql.id(categories)} (
      category_id text PRIMARY KEY,
      parent_id   text,
      name        text,
      path        text[] NOT NULL
    )`.execute(db);

  const reviews = t(searchTables.reviews);
  await sql`
    CREATE TABLE ${sql.id(reviews)} (
      review_id  text PRIMARY KEY,
      product_id text,
      rating     integer,
      approved   boolean NOT NULL DEFAULT false
    )`.execute(db);
  await sql`CREATE INDEX ${sql.id(`${reviews}_product`)} ON ${sql.id(reviews)} (product_id) WHERE approved`.execute(db);

  const lines = t(searchTables.orderLines);
  await sql`
    CREATE TABLE ${sql.id(lines)} (
      order_id   text NOT NULL,
      product_id text NOT NULL,
      quantity   integer NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX ${sql.id(`${lines}_order`)} ON ${sql.id(lines)} (order_id)`.execute(db);

  const lexicon = t(searchTables.lexicon);
  await sql`CREATE TABLE ${sql.id(lexicon)} (word text PRIMARY KEY, lexeme text NOT NULL)`.execute(db);
  await sql`CREATE INDEX ${sql.id(`${lexicon}_trgm`)} ON ${sql.id(lexicon)} USING gin (word ${trgm.ginOps})`.execute(db);
}
