import type { SearchParams, SearchResponse } from 'typesense';
import type { FacetValue, SearchFacets, SearchFilters, SearchSort } from '../search-port.js';
import { byCountThenValue, maxFacetValues, priceBuckets, rangeFacet, ratingBuckets, type Bucket, type NormalizedQuery } from '../search-query.js';
import type { TypesenseProduct } from './typesense-collection.js';

/**
 * A string literal in `filter_by`. Backticks delimit it and cannot be escaped inside, so they are
 * dropped: an id or brand containing one would not match (none does in practice).
 */
const literal = (value: string) => `\`${value.replaceAll('`', '')}\``;
export const idFilter = (ids: readonly string[]) => `id:[${ids.map(literal).join(',')}]`;

export function filterBy(filters: SearchFilters): string {
  const conditions = ['published:=true'];
  if (filters.categoryId !== undefined) conditions.push(`category_path:=[${literal(filters.categoryId)}]`);
  if (filters.brands !== undefined && filters.brands.length > 0) conditions.push(`brand:=[${filters.brands.map(literal).join(',')}]`);
  if (filters.price?.min !== undefined) conditions.push(`price:>=${Math.trunc(filters.price.min)}`);
  if (filters.price?.max !== undefined) conditions.push(`price:<=${Math.trunc(filters.price.max)}`);
  if (filters.minRating !== undefined) conditions.push(`rating:>=${filters.minRating}`);
  if (filters.inStockOnly) conditions.push('in_stock:=true');
  return conditions.join(' && ');
}

/** The same keys as the Postgres adapter, within Typesense's three; its last tie-break is insertion order. */
export function sortBy(sort: SearchSort): string {
  switch (sort) {
    case 'relevance':
      return '_text_match:desc,in_stock:desc,sold_units:desc';
    case 'price_asc':
      return 'price:asc,in_stock:desc,sold_units:desc';
    case 'price_desc':
      return 'price:desc,in_stock:desc,sold_units:desc';
    case 'rating':
      return 'rating:desc,rating_count:desc,sold_units:desc';
    case 'newest':
      return 'created_at:desc,in_stock:desc';
    case 'best_selling':
      return 'sold_units:desc,in_stock:desc,rating:desc';
  }
}

// Range labels must be alphanumeric: b0, b1, … map back to the shared buckets.
const ranges = (buckets: readonly Bucket[]) => buckets.map((b, i) => `b${i}:[${b.from}, ${b.to ?? ''}]`).join(', ');
const facetBy = `category_id,brand,price(${ranges(priceBuckets)}),rating(${ranges(ratingBuckets)})`;

export function searchParams(query: NormalizedQuery): SearchParams<TypesenseProduct> {
  const text = [...query.words, ...(query.words.length > 0 ? query.excluded.map((word) => `-${word}`) : [])].join(' ');
  return {
    q: text.length > 0 ? text : '*',
    query_by: 'title,brand,description',
    query_by_weights: '4,2,1',
    num_typos: 2,
    prefix: true,
    // Every word must match, as in the Postgres adapter (Typesense would otherwise drop words that find nothing).
    drop_tokens_threshold: 0,
    filter_by: filterBy(query.filters),
    facet_by: facetBy,
    max_facet_values: maxFacetValues,
    sort_by: sortBy(query.sort),
    page: query.page,
    per_page: query.perPage,
    include_fields: 'id,title,brand,category_id,price,currency,rating,rating_count,in_stock',
    highlight_fields: 'title',
    highlight_start_tag: '<mark>',
    highlight_end_tag: '</mark>',
  };
}

export function toFacets(response: SearchResponse<TypesenseProduct>): SearchFacets {
  const counts = (field: string) => response.facet_counts?.find((facet) => String(facet.field_name) === field)?.counts ?? [];
  const values = (field: string): FacetValue[] =>
    counts(field)
      .map((c) => ({ value: c.value, count: c.count }))
      .sort(byCountThenValue);
  const bucketCount = (field: string) => (index: number) => counts(field).find((c) => c.value === `b${index}`)?.count ?? 0;
  return {
    category: values('category_id'),
    brand: values('brand'),
    price: rangeFacet(priceBuckets, bucketCount('price')),
    rating: rangeFacet(ratingBuckets, bucketCount('rating')),
  };
}
