import { sql, type RawBuilder } from 'kysely';
import type { SearchFilters, SearchSort } from '../search-port.js';
import { textSearchConfig } from './search-tables.js';

type Fragment = RawBuilder<unknown>;

/** Title matches weigh most, then brand, then description (ts_rank's weights are {D, C, B, A}). */
const weights = sql.lit('{0.05, 0.2, 0.5, 1.0}');

/**
 * Only published products are for sale; then the text and the filters, each narrowing the result.
 * A text with quotes also has to match as websearch_to_tsquery reads it (phrases).
 */
export function whereClause(filters: SearchFilters, tsquery: string | undefined, text: string): Fragment {
  const conditions: Fragment[] = [sql`p.status = 'published'`];
  if (tsquery !== undefined) conditions.push(sql`p.document @@ ${tsquery}::tsquery`);
  if (tsquery !== undefined && text.includes('"')) conditions.push(sql`p.document @@ websearch_to_tsquery(${textSearchConfig}, ${text})`);
  if (filters.categoryId !== undefined) conditions.push(sql`p.category_path @> ARRAY[${filters.categoryId}]::text[]`);
  if (filters.brands !== undefined && filters.brands.length > 0) conditions.push(sql`p.brand = ANY(${[...filters.brands]}::text[])`);
  if (filters.price?.min !== undefined) conditions.push(sql`p.price_min >= ${filters.price.min}`);
  if (filters.price?.max !== undefined) conditions.push(sql`p.price_min <= ${filters.price.max}`);
  if (filters.minRating !== undefined) conditions.push(sql`p.rating_avg >= ${filters.minRating}`);
  if (filters.inStockOnly) conditions.push(sql`p.in_stock`);
  return sql.join(conditions, sql` AND `);
}

/** Relevance; normalisation 1 favours shorter documents. Without a text (or another sort: not computed), every row ties. */
export function rankExpression(tsquery: string | undefined): Fragment {
  if (tsquery === undefined) return sql`0::real`;
  return sql`ts_rank(${weights}, p.document, ${tsquery}::tsquery, 1)`;
}

const keys: Record<SearchSort, readonly (readonly [column: string, direction: string])[]> = {
  relevance: [['rank', 'DESC'], ['in_stock', 'DESC'], ['sold_units', 'DESC']],
  price_asc: [['price_min', 'ASC NULLS LAST'], ['in_stock', 'DESC'], ['sold_units', 'DESC']],
  price_desc: [['price_min', 'DESC NULLS LAST'], ['in_stock', 'DESC'], ['sold_units', 'DESC']],
  rating: [['rating_avg', 'DESC'], ['rating_count', 'DESC'], ['sold_units', 'DESC']],
  newest: [['created_at', 'DESC'], ['in_stock', 'DESC']],
  best_selling: [['sold_units', 'DESC'], ['in_stock', 'DESC'], ['rating_avg', 'DESC']],
};

/**
 * In-stock breaks ties right after the main key (so at equal relevance in-stock comes first), the
 * product id last: a total order keeps pages stable. Columns are taken from `alias`.
 */
export function orderBy(sort: SearchSort, alias: string): Fragment {
  const columns = [...keys[sort], ['product_id', 'ASC'] as const];
  return sql.join(columns.map(([column, direction]) => sql`${sql.ref(`${alias}.${column}`)} ${sql.raw(direction)}`));
}
