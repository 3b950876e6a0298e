/**
 * The search port: one query and result shape for every adapter (Postgres full-text, Typesense).
 * Prices are integer minor units, as everywhere else; a product's price is its cheapest variant's.
 */

export const searchSorts = ['relevance', 'price_asc', 'price_desc', 'rating', 'newest', 'best_selling'] as const;
export type SearchSort = (typeof searchSorts)[number];

export interface SearchFilters {
  /** The category and all its descendants. */
  readonly categoryId?: string;
  /** Any of these brands (exact names). */
  readonly brands?: readonly string[];
  /** Inclusive bounds in minor units. */
  readonly price?: { readonly min?: number; readonly max?: number };
  /** Average rating of approved reviews, at least this (unrated products count as 0). */
  readonly minRating?: number;
  readonly inStockOnly?: boolean;
}

export interface SearchQuery {
  /** Free text, typo tolerant; the last word also matches as a prefix, `-word` excludes. Empty: browse. */
  readonly q?: string;
  readonly filters?: SearchFilters;
  /** Default: relevance (with a text), else best selling. */
  readonly sort?: SearchSort;
  /** 1-based. Pages are stable: every sort ends with a unique tie-breaker. */
  readonly page?: number;
  /** 1..100, default 20. */
  readonly perPage?: number;
}

export interface Money {
  readonly amount: number;
  readonly currency: string;
}

export interface SearchHit {
  readonly productId: string;
  readonly title: string;
  readonly brand: string;
  readonly categoryId: string;
  readonly price: Money | null;
  /** Average of approved reviews, 0 when there is none. */
  readonly rating: number;
  readonly ratingCount: number;
  readonly inStock: boolean;
  /** The title with matched words wrapped in `<mark>…</mark>`, when the query had a text. */
  readonly highlights?: { readonly title?: string };
}

export interface FacetValue {
  readonly value: string;
  readonly count: number;
}

/** A bucket `[from, to)`; `to` is null for the open last bucket. */
export interface RangeFacetValue {
  readonly key: string;
  readonly from: number;
  readonly to: number | null;
  readonly count: number;
}

/**
 * Counts over the whole result (all filters applied), so each facet's counts add up to `total`
 * (category counts are by a product's own category; price buckets leave out unpriced products).
 * Empty buckets are left out.
 */
export interface SearchFacets {
  readonly category: readonly FacetValue[];
  readonly brand: readonly FacetValue[];
  readonly price: readonly RangeFacetValue[];
  readonly rating: readonly RangeFacetValue[];
}

export interface SearchResult {
  readonly hits: readonly SearchHit[];
  readonly total: number;
  readonly page: number;
  readonly perPage: number;
  readonly facets: SearchFacets;
}

export interface Suggestion {
  readonly productId: string;
  readonly title: string;
}

export interface SearchPort {
  search(query: SearchQuery): Promise<SearchResult>;
  /** Autocomplete: product titles with a word starting with `prefix`, then typo-close ones. */
  suggest(prefix: string, limit?: number): Promise<readonly Suggestion[]>;
}

/** A position in the global log, carried by a document so that an older write never wins. */
export interface SourcePosition {
  readonly commit: bigint;
  readonly prepare: bigint;
}

/** What an external index stores per product; the Postgres adapter reads the same fields from its tables. */
export interface SearchDocument {
  readonly productId: string;
  readonly title: string;
  readonly brand: string;
  readonly description: string;
  readonly categoryId: string;
  /** Root first, ending with `categoryId`. */
  readonly categoryPath: readonly string[];
  readonly price: Money | null;
  readonly rating: number;
  readonly ratingCount: number;
  readonly inStock: boolean;
  readonly soldUnits: number;
  readonly createdAt: Date;
  /** Only published products are found; the others stay in the index so a late write cannot resurrect them. */
  readonly published: boolean;
  readonly source: SourcePosition;
}

/** The write side of an external index (Typesense); Postgres is written by its projection instead. */
export interface SearchIndex {
  /** Upserts by product id; a document older (by `source`) than the stored one is skipped. Returns how many were written. */
  index(documents: readonly SearchDocument[]): Promise<number>;
  remove(productIds: readonly string[]): Promise<void>;
}
