import { Client, Errors } from 'typesense';
import type { CollectionCreateSchema } from 'typesense';
import type { SearchDocument } from '../search-port.js';

/** One product as Typesense stores it; `source_*` is the log position the document reflects. */
export interface TypesenseProduct {
  id: string;
  title: string;
  brand: string;
  description: string;
  category_id: string;
  category_path: string[];
  price?: number;
  currency: string;
  rating: number;
  rating_count: number;
  in_stock: boolean;
  sold_units: number;
  created_at: number;
  published: boolean;
  source_commit: number;
  source_prepare: number;
}

/**
 * Facets on category, brand, price, rating and stock; the text fields are stemmed (as the Postgres
 * adapter's English configuration is) and typo tolerance is Typesense's own. `category_path` is only
 * filtered on (a category with its descendants). Best sellers first when nothing else decides.
 */
export function productCollectionSchema(name: string): CollectionCreateSchema {
  return {
    name,
    default_sorting_field: 'sold_units',
    fields: [
      { name: 'title', type: 'string', stem: true, locale: 'en' },
      { name: 'brand', type: 'string', facet: true },
      { name: 'description', type: 'string', stem: true, locale: 'en' },
      { name: 'category_id', type: 'string', facet: true },
      { name: 'category_path', type: 'string[]' },
      { name: 'price', type: 'int64', facet: true, optional: true },
      { name: 'currency', type: 'string', index: false, optional: true },
      { name: 'rating', type: 'float', facet: true },
      { name: 'rating_count', type: 'int32' },
      { name: 'in_stock', type: 'bool', facet: true },
      { name: 'sold_units', type: 'int64' },
      { name: 'created_at', type: 'int64' },
      { name: 'published', type: 'bool' },
      { name: 'source_commit', type: 'int64', index: false, optional: true },
      { name: 'source_prepare', type: 'int64', index: false, optional: true },
    ],
  };
}

/** Creates the collection unless it exists (two processes racing: the loser sees ObjectAlreadyExists). */
export async function ensureProductCollection(client: Client, name: string): Promise<void> {
  if (await client.collections(name).exists()) return;
  try {
    await client.collections().create(productCollectionSchema(name));
  } catch (error) {
    if (!(error instanceof Errors.ObjectAlreadyExists)) throw error;
  }
}

export function toTypesenseProduct(document: SearchDocument): TypesenseProduct {
  return {
    id: document.productId,
    title: document.title,
    brand: document.brand,
    description: document.description,
    category_id: document.categoryId,
    category_path: [...document.categoryPath],
    ...(document.price ? { price: document.price.amount } : {}),
    currency: document.price?.currency ?? '',
    rating: document.rating,
    rating_count: document.ratingCount,
    in_stock: document.inStock,
    sold_units: document.soldUnits,
    created_at: document.createdAt.getTime(),
    published: document.published,
    // Typesense's int64 travels as a JSON number: exact up to 2^53, far beyond any log position.
    source_commit: Number(document.source.commit),
    source_prepare: Number(document.source.prepare),
  };
}

export type StoredPosition = Pick<TypesenseProduct, 'id' | 'source_commit' | 'source_prepare'>;

/** The guard of every upsert: a document may replace the stored one unless it reflects an earlier position. */
export function notOlder(document: StoredPosition, stored: StoredPosition | undefined): boolean {
  if (!stored) return true;
  if (document.source_commit !== stored.source_commit) return document.source_commit > stored.source_commit;
  return document.source_prepare >= stored.source_prepare;
}

/** `TYPESENSE_URL` (e.g. http://localhost:8108) and key, as config.ts reads them. */
export function createTypesenseClient(url: string, apiKey: string): Client {
  return new Client({ nodes: [{ url }], apiKey, connectionTimeoutSeconds: 10, numRetries: 3, logLevel: 'warn' });
}
