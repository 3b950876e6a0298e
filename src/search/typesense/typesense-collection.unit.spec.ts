import { describe, expect, it } from 'vitest';
import { notOlder, productCollectionSchema, toTypesenseProduct } from './typesense-collection.js';
import { filterBy, sortBy } from './typesense-query.js';

const at = (commit: number, prepare: number) => ({ id: 'p1', source_commit: commit, source_prepare: prepare });

describe('the revision guard', () => {
  it('lets a newer or equal position through and stops an older one', () => {
    expect(notOlder(at(5, 10), undefined)).toBe(true);
    expect(notOlder(at(6, 1), at(5, 10))).toBe(true);
    expect(notOlder(at(5, 10), at(5, 10))).toBe(true);
    expect(notOlder(at(5, 9), at(5, 10))).toBe(false);
    expect(notOlder(at(4, 99), at(5, 10))).toBe(false);
  });
});

describe('the collection', () => {
  it('facets on category, brand, price, rating and stock', () => {
    const facets = productCollectionSchema('products').fields?.filter((field) => field.facet).map((field) => field.name);
    expect(facets).toEqual(['brand', 'category_id', 'price', 'rating', 'in_stock']);
  });

  it('maps a document with its source position', () => {
    const product = toTypesenseProduct({
      productId: 'p1',
      title: 'Wireless Headphones',
      brand: 'Sonic',
      description: '',
      categoryId: 'headphones',
      categoryPath: ['electronics', 'audio', 'headphones'],
      price: { amount: 9_999, currency: 'USD' },
      rating: 4.5,
      ratingCount: 2,
      inStock: true,
      soldUnits: 3,
      createdAt: new Date(0),
      published: true,
      source: { commit: 7n, prepare: 42n },
    });
    expect(product).toMatchObject({ id: 'p1', price: 9_999, category_path: ['electronics', 'audio', 'headphones'], source_commit: 7, source_prepare: 42 });
  });
});

describe('the query', () => {
  it('combines every filter', () => {
    expect(filterBy({ categoryId: 'audio', brands: ['Acme', 'Vox'], price: { min: 100, max: 2_000 }, minRating: 4, inStockOnly: true })).toBe(
      'published:=true && category_path:=[`audio`] && brand:=[`Acme`,`Vox`] && price:>=100 && price:<=2000 && rating:>=4 && in_stock:=true',
    );
  });

  it('breaks relevance ties by stock', () => {
    expect(sortBy('relevance')).toBe('_text_match:desc,in_stock:desc,sold_units:desc');
  });
});
