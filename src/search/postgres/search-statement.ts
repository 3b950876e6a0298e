import { sql, type RawBuilder } from 'kysely';
import type { FacetValue, SearchFacets, SearchHit } from '../search-port.js';
import {
  byCountThenValue,
  maxFacetValues,
  priceBucketEdges,
  priceBuckets,
  rangeFacet,
  ratingBucketEdges,
  ratingBuckets,
  type NormalizedQuery,
} from '../search-query.js';
import { orderBy, rankExpression, whereClause } from './search-sql.js';
import { searchTables, textSearchConfig } from './search-tables.js';

export interface FacetRow {
  readonly g: number;
  readonly category_id: string | null;
  readonly brand: string | null;
  readonly price_bucket: number | null;
  readonly rating_bucket: number | null;
  readonly n: number;
}

/** One hit of the page; every row also carries the facet rows (null when facets were not asked for). */
export interface PageRow {
  readonly facets: readonly FacetRow[] | null;
  readonly product_id: string | null;
  readonly title: string;
  readonly brand: string;
  readonly category_id: string;
  readonly price_min: string | number | null;
  readonly currency: string;
  readonly rating_avg: number;
  readonly rating_count: number;
  readonly in_stock: boolean;
  readonly highlight: string | null;
}

// GROUPING(category_id, brand, price_bucket, rating_bucket): a bit is set for each column NOT grouped by.
const grouping = { category: 0b0111, brand: 0b1011, price: 0b1101, rating: 0b1110, total: 0b1111 } as const;

/**
 * One statement. The matches are selected once, narrow (ids, facet columns and sort keys: the wide
 * text stays in the table), counted per facet in a single GROUPING SETS pass and cut into the page;
 * only the page's rows are joined back for their title. Without facets the page is cut straight
 * from the match, which lets an index in the sort order stop after the page.
 */
export function searchStatement(query: NormalizedQuery, tsquery: string | undefined, options: { withFacets: boolean }): RawBuilder<PageRow> {
  const products = sql.id(searchTables.products);
  const matched = sql`
    SELECT p.product_id, p.category_id, p.brand, p.price_min, p.rating_avg, p.rating_count, p.in_stock, p.sold_units,
      p.created_at, ${rankExpression(query.sort === 'relevance' ? tsquery : undefined)} AS rank
    FROM ${products} AS p
    WHERE ${whereClause(query.filters, tsquery, query.text)}`;
  const page = sql`
    SELECT * FROM matched AS m ORDER BY ${orderBy(query.sort, 'm')}
    LIMIT ${query.perPage} OFFSET ${(query.page - 1) * query.perPage}`;
  const highlight =
    tsquery === undefined
      ? sql`NULL::text`
      : sql`ts_headline(${textSearchConfig}, t.title, ${tsquery}::tsquery, 'StartSel=<mark>, StopSel=</mark>, HighlightAll=true')`;
  const columns = sql`page.product_id, t.title, page.brand, page.category_id, page.price_min, t.currency, page.rating_avg,
    page.rating_count, page.in_stock, ${highlight} AS highlight`;

  if (!options.withFacets) {
    return sql<PageRow>`
      WITH matched AS (${matched}), page AS (${page})
      SELECT NULL::json AS facets, ${columns}
      FROM page JOIN ${products} AS t ON t.product_id = page.product_id
      ORDER BY ${orderBy(query.sort, 'page')}`;
  }
  return sql<PageRow>`
    WITH matched AS MATERIALIZED (${matched}),
    facets AS (
      SELECT COALESCE(json_agg(f), '[]'::json) AS facets FROM (
        SELECT GROUPING(category_id, brand, price_bucket, rating_bucket)::integer AS g,
          category_id, brand, price_bucket, rating_bucket, count(*)::integer AS n
        FROM (
          SELECT category_id, brand, width_bucket(price_min, ${[...priceBucketEdges]}::bigint[]) AS price_bucket,
            width_bucket(rating_avg, ${[...ratingBucketEdges]}::double precision[]) AS rating_bucket
          FROM matched
        ) AS m
        GROUP BY GROUPING SETS ((category_id), (brand), (price_bucket), (rating_bucket), ())
      ) AS f
    ),
    page AS (${page})
    SELECT facets.facets, ${columns}
    FROM facets LEFT JOIN page ON true LEFT JOIN ${products} AS t ON t.product_id = page.product_id
    ORDER BY ${orderBy(query.sort, 'page')}`;
}

export function toHit(row: PageRow): SearchHit {
  return {
    productId: row.product_id ?? '',
    title: row.title,
    brand: row.brand,
    categoryId: row.category_id,
    price: row.price_min === null ? null : { amount: Number(row.price_min), currency: row.currency },
    rating: Number(row.rating_avg),
    ratingCount: Number(row.rating_count),
    inStock: row.in_stock,
    ...(row.highlight !== null ? { highlights: { title: row.highlight } } : {}),
  };
}

export const totalOf = (rows: readonly FacetRow[]) => rows.find((row) => row.g === grouping.total)?.n ?? 0;

export function toFacets(rows: readonly FacetRow[]): SearchFacets {
  const values = (g: number, value: (row: FacetRow) => string | null): FacetValue[] =>
    rows
      .flatMap((row) => {
        const v = row.g === g ? value(row) : null;
        return v === null ? [] : [{ value: v, count: row.n }];
      })
      .sort(byCountThenValue)
      .slice(0, maxFacetValues);
  const countAt = (g: number, bucket: (row: FacetRow) => number | null) => (index: number) =>
    rows.find((row) => row.g === g && bucket(row) === index)?.n ?? 0;
  return {
    category: values(grouping.category, (row) => row.category_id),
    brand: values(grouping.brand, (row) => row.brand),
    price: rangeFacet(priceBuckets, countAt(grouping.price, (row) => row.price_bucket)),
    rating: rangeFacet(ratingBuckets, countAt(grouping.rating, (row) => row.rating_bucket)),
  };
}
