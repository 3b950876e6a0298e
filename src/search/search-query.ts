import type { FacetValue, RangeFacetValue, SearchFilters, SearchQuery, SearchSort } from './search-port.js';

/** Bucket edges in minor units: `[0, 1000)`, `[1000, 2500)`, … `[100000, ∞)`. Both adapters facet on these. */
export const priceBucketEdges: readonly number[] = [1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000];
/** `[0, 1)` holds the unrated products (an average is at least 1), then one bucket per star. */
export const ratingBucketEdges: readonly number[] = [1, 2, 3, 4, 5];

export interface Bucket {
  readonly key: string;
  readonly from: number;
  readonly to: number | null;
}

/** Bucket `i` is `[edges[i-1] ?? 0, edges[i] ?? ∞)`, the numbering of Postgres' `width_bucket`. */
export function bucketsOf(edges: readonly number[]): readonly Bucket[] {
  return [0, ...edges].map((from, i) => {
    const to = edges[i] ?? null;
    return { key: `${from}-${to ?? ''}`, from, to };
  });
}

export const priceBuckets = bucketsOf(priceBucketEdges);
export const ratingBuckets = bucketsOf(ratingBucketEdges);

export const maxPerPage = 100;
const maxWords = 8;

export interface NormalizedQuery {
  /** Words to match (all of them), lower-case, in order; the last one also as a prefix. */
  readonly words: readonly string[];
  /** Words after a `-`: no hit contains them. */
  readonly excluded: readonly string[];
  readonly text: string;
  readonly filters: SearchFilters;
  readonly sort: SearchSort;
  readonly page: number;
  readonly perPage: number;
}

/** Lower-case words of letters and digits: how queries are read and how the Postgres lexicon is filled. */
export const splitWords = (text: string) =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);

/** Defaults and bounds shared by both adapters, so they read a query the same way. */
export function normalizeQuery(query: SearchQuery): NormalizedQuery {
  const text = (query.q ?? '').trim().slice(0, 200);
  const words: string[] = [];
  const excluded: string[] = [];
  for (const token of text.split(/\s+/)) {
    if (token.length > 1 && token.startsWith('-')) excluded.push(...splitWords(token));
    else words.push(...splitWords(token));
  }
  const perPage = Math.min(maxPerPage, Math.max(1, Math.trunc(query.perPage ?? 20)));
  const page = Math.max(1, Math.trunc(query.page ?? 1));
  const sort = query.sort ?? (words.length > 0 ? 'relevance' : 'best_selling');
  return { words: words.slice(0, maxWords), excluded: excluded.slice(0, maxWords), text, filters: query.filters ?? {}, sort, page, perPage };
}

/** Non-empty buckets in bucket order. */
export function rangeFacet(buckets: readonly Bucket[], countAt: (index: number) => number): RangeFacetValue[] {
  return buckets.flatMap((bucket, index) => {
    const count = countAt(index);
    return count > 0 ? [{ ...bucket, count }] : [];
  });
}

/** Most frequent first, then by value: both adapters return facet values in this order. */
export const byCountThenValue = (a: FacetValue, b: FacetValue) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);

/** At most this many values per category or brand facet. */
export const maxFacetValues = 100;
