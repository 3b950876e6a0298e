import type { Client } from 'typesense';
import type { SearchDocument, SearchHit, SearchIndex, SearchPort, SearchQuery, SearchResult, Suggestion } from '../search-port.js';
import { normalizeQuery } from '../search-query.js';
import { notOlder, toTypesenseProduct, type StoredPosition, type TypesenseProduct } from './typesense-collection.js';
import { idFilter, searchParams, toFacets } from './typesense-query.js';

export interface TypesenseSearchOptions {
  readonly client: Client;
  /** Created with `ensureProductCollection`. */
  readonly collection: string;
}

/** Search and indexing on a Typesense collection: the same port and shapes as the Postgres adapter. */
export function createTypesenseSearch(options: TypesenseSearchOptions): SearchPort & SearchIndex {
  const documents = () => options.client.collections<TypesenseProduct>(options.collection).documents();

  /** Where each of these documents stands in the log now (absent: not indexed yet). */
  async function storedPositions(ids: readonly string[]): Promise<Map<string, StoredPosition>> {
    // Export is a GET: the id filter travels in the URL, so ask in chunks that keep it short.
    const chunks = Array.from({ length: Math.ceil(ids.length / 100) }, (_, i) => ids.slice(i * 100, i * 100 + 100));
    const exports = await Promise.all(
      chunks.map((chunk) => documents().export({ filter_by: idFilter(chunk), include_fields: 'id,source_commit,source_prepare' })),
    );
    const stored = new Map<string, StoredPosition>();
    for (const line of exports.join('\n').split('\n')) {
      if (line.trim() === '') continue;
      const document = JSON.parse(line) as StoredPosition;
      stored.set(document.id, document);
    }
    return stored;
  }

  return {
    async search(query: SearchQuery): Promise<SearchResult> {
      const normalized = normalizeQuery(query);
      const response = await documents().search(searchParams(normalized), {});
      return {
        hits: (response.hits ?? []).map((hit): SearchHit => {
          const d = hit.document;
          const title = hit.highlight?.title?.snippet;
          return {
            productId: d.id,
            title: d.title,
            brand: d.brand,
            categoryId: d.category_id,
            price: d.price === undefined ? null : { amount: d.price, currency: d.currency },
            rating: d.rating,
            ratingCount: d.rating_count,
            inStock: d.in_stock,
            ...(normalized.words.length > 0 && title !== undefined ? { highlights: { title } } : {}),
          };
        }),
        total: response.found,
        page: normalized.page,
        perPage: normalized.perPage,
        facets: toFacets(response),
      };
    },

    async suggest(prefix: string, limit = 8): Promise<readonly Suggestion[]> {
      const text = prefix.trim().slice(0, 100);
      if (text.length === 0) return [];
      const response = await documents().search(
        {
          q: text,
          query_by: 'title',
          prefix: true,
          num_typos: 2,
          filter_by: 'published:=true',
          sort_by: '_text_match:desc,sold_units:desc',
          per_page: Math.min(50, Math.max(1, Math.trunc(limit))),
          include_fields: 'id,title',
        },
        {},
      );
      return (response.hits ?? []).map((hit) => ({ productId: hit.document.id, title: hit.document.title }));
    },

    /**
     * Upserts in one import call, after dropping every document older than the stored one: an upsert
     * cannot be made conditional in Typesense, so the guard reads the stored positions first. With one
     * active indexer (its runner holds the lease) nothing writes between that read and the import.
     */
    async index(batch: readonly SearchDocument[]): Promise<number> {
      if (batch.length === 0) return 0;
      const stored = await storedPositions(batch.map((document) => document.productId));
      const fresh = batch.map(toTypesenseProduct).filter((document) => notOlder(document, stored.get(document.id)));
      // Throws ImportError naming the failed documents if any is rejected.
      if (fresh.length > 0) await documents().import(fresh, { action: 'upsert' });
      return fresh.length;
    },

    async remove(productIds: readonly string[]): Promise<void> {
      if (productIds.length === 0) return;
      await documents().delete({ filter_by: idFilter(productIds) });
    },
  };
}
