import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchPort, SearchQuery, SearchResult, SearchSort } from '../search-port.js';
import type { ProductSpec, SearchCatalog } from './search-catalog.fixtures.js';

export interface SearchUnderTest {
  readonly search: SearchPort;
  readonly catalog: SearchCatalog;
  /** Resolves once the index shows everything the catalog's commands wrote. */
  sync(): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * The catalog every adapter is checked against. `p10` and `p11` have the same text; `p10` sold more
 * but is out of stock, so only the in-stock rule can put `p11` first. Garden products are the ones
 * the last tests change.
 */
export async function buildContractCatalog(catalog: SearchCatalog): Promise<void> {
  await catalog.category('electronics', 'Electronics');
  await catalog.category('audio', 'Audio', 'electronics');
  await catalog.category('headphones', 'Headphones', 'audio');
  await catalog.category('speakers', 'Speakers', 'audio');
  await catalog.category('computers', 'Computers', 'electronics');
  await catalog.category('home', 'Home');
  await catalog.category('kitchen', 'Kitchen', 'home');
  await catalog.category('garden', 'Garden');

  const products: (ProductSpec & { stock: number })[] = [
    { id: 'p1', title: 'Wireless Headphones', brand: 'Sonic', categoryId: 'headphones', variants: { 'P1-BLK': 9_999 }, stock: 10 },
    { id: 'p2', title: 'Wired Studio Headphones', brand: 'Sonic', categoryId: 'headphones', variants: { 'P2-BLK': 4_999 }, stock: 0 },
    { id: 'p3', title: 'Noise Cancelling Wireless Earbuds', brand: 'Acme', categoryId: 'headphones', variants: { 'P3-WHT': 14_999 }, stock: 5 },
    { id: 'p4', title: 'Bluetooth Party Speaker', brand: 'Acme', categoryId: 'speakers', variants: { 'P4-RED': 7_999, 'P4-BLU': 8_499 }, stock: 3 },
    { id: 'p5', title: 'Bookshelf Speaker Pair', brand: 'Vox', categoryId: 'speakers', variants: { 'P5-OAK': 19_999 }, stock: 2 },
    { id: 'p6', title: 'Gaming Laptop', brand: 'Acme', categoryId: 'computers', variants: { 'P6-15': 129_999 }, stock: 1 },
    { id: 'p7', title: 'Mechanical Keyboard', brand: 'Keyz', categoryId: 'computers', variants: { 'P7-US': 8_999 }, stock: 0 },
    { id: 'p8', title: 'Chef Knife', brand: 'Blade', categoryId: 'kitchen', variants: { 'P8-20': 3_999 }, stock: 20 },
    { id: 'p9', title: 'Espresso Machine', brand: 'Brewmaster', categoryId: 'kitchen', variants: { 'P9-STD': 24_999 }, stock: 4 },
    { id: 'p10', title: 'Studio Monitor Speaker', brand: 'Vox', categoryId: 'speakers', variants: { 'P10-A': 15_999 }, stock: 2 },
    { id: 'p11', title: 'Studio Monitor Speaker', brand: 'Vox', categoryId: 'speakers', variants: { 'P11-A': 15_999 }, stock: 3 },
    { id: 'p12', title: 'Garden Hose', brand: 'Flow', categoryId: 'garden', variants: { 'P12-25M': 2_999 }, stock: 0 },
  ];
  for (const { stock, ...spec } of products) {
    await catalog.product({ ...spec, description: `${spec.title} by ${spec.brand}.` });
    if (stock > 0) await catalog.receiveStock(Object.keys(spec.variants)[0]!, stock);
  }
  // Never published: must never be found.
  await catalog.product({ id: 'p13', title: 'Wireless Mouse', brand: 'Keyz', categoryId: 'computers', variants: { 'P13-A': 2_999 }, publish: false });
  await catalog.receiveStock('P13-A', 5);

  await catalog.review('p1', 5);
  await catalog.review('p1', 4);
  await catalog.review('p1', 1, false);
  await catalog.review('p2', 3);
  await catalog.review('p3', 4);
  await catalog.review('p6', 5);
  await catalog.review('p9', 2);

  await catalog.order('p3', 'P3-WHT', 5);
  await catalog.order('p1', 'P1-BLK', 3);
  await catalog.order('p4', 'P4-RED', 1);
  await catalog.order('p10', 'P10-A', 2);
  await catalog.sellStock('P10-A', 2);
  await catalog.order('p5', 'P5-OAK', 9, false);
}

const published = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8', 'p9', 'p10', 'p11', 'p12'];
const ids = (result: SearchResult) => result.hits.map((hit) => hit.productId);
const sum = (values: readonly { count: number }[]) => values.reduce((total, value) => total + value.count, 0);

export function searchContract(open: () => Promise<SearchUnderTest>): void {
  let sut: SearchUnderTest;
  const search = (query: SearchQuery) => sut.search.search({ perPage: 100, ...query });

  beforeAll(async () => {
    sut = await open();
    await buildContractCatalog(sut.catalog);
    await sut.sync();
  });
  afterAll(async () => {
    await sut?.dispose();
  });

  describe('text', () => {
    it('finds "Wireless Headphones" for "wireles headphnes" (typos in both words)', async () => {
      const result = await search({ q: 'wireles headphnes' });
      expect(ids(result)).toEqual(['p1']);
      expect(result.hits[0]).toMatchObject({ title: 'Wireless Headphones', brand: 'Sonic', price: { amount: 9_999, currency: 'USD' }, inStock: true });
    });

    it('matches every word, the last one also as a prefix', async () => {
      expect(ids(await search({ q: 'headphones' })).sort()).toEqual(['p1', 'p2']);
      expect(ids(await search({ q: 'studio headph' })).sort()).toEqual(['p2']);
      expect(ids(await search({ q: 'espres' }))).toEqual(['p9']);
    });

    it('matches the brand', async () => {
      expect(ids(await search({ q: 'brewmaster' }))).toEqual(['p9']);
    });

    it('finds every product with the word', async () => {
      const result = await search({ q: 'speaker' });
      expect(ids(result).sort()).toEqual(['p10', 'p11', 'p4', 'p5']);
    });

    it('never finds unpublished products', async () => {
      expect(ids(await search({ q: 'wireless' })).sort()).toEqual(['p1', 'p3']);
      expect(ids(await search({ q: 'mouse' }))).toEqual([]);
    });

    it('puts in-stock products above out-of-stock ones at equal relevance', async () => {
      const result = await search({ q: 'studio monitor speaker' });
      expect(ids(result)).toEqual(['p11', 'p10']);
      expect(result.hits.map((hit) => hit.inStock)).toEqual([true, false]);
    });
  });

  describe('facets', () => {
    it.each<[string, SearchQuery]>([
      ['browse', {}],
      ['text', { q: 'speaker' }],
      ['filtered', { filters: { categoryId: 'electronics', inStockOnly: true } }],
    ])('add up to the total (%s)', async (_name, query) => {
      const result = await search(query);
      expect(result.total).toBeGreaterThan(0);
      expect(sum(result.facets.category)).toBe(result.total);
      expect(sum(result.facets.brand)).toBe(result.total);
      expect(sum(result.facets.price)).toBe(result.total);
      expect(sum(result.facets.rating)).toBe(result.total);
    });

    it('counts per brand, category, price bucket and rating bucket', async () => {
      const { facets, total } = await search({ filters: { categoryId: 'audio' } });
      expect(total).toBe(7);
      expect(facets.brand).toEqual([
        { value: 'Vox', count: 3 },
        { value: 'Acme', count: 2 },
        { value: 'Sonic', count: 2 },
      ]);
      expect(facets.category).toEqual([
        { value: 'speakers', count: 4 },
        { value: 'headphones', count: 3 },
      ]);
      expect(facets.price).toEqual([
        { key: '2500-5000', from: 2_500, to: 5_000, count: 1 },
        { key: '5000-10000', from: 5_000, to: 10_000, count: 2 },
        { key: '10000-25000', from: 10_000, to: 25_000, count: 4 },
      ]);
      expect(facets.rating).toEqual([
        { key: '0-1', from: 0, to: 1, count: 4 },
        { key: '3-4', from: 3, to: 4, count: 1 },
        { key: '4-5', from: 4, to: 5, count: 2 },
      ]);
    });
  });

  describe('filters', () => {
    it('takes a category with all its descendants', async () => {
      expect(ids(await search({ filters: { categoryId: 'audio' } })).sort()).toEqual(['p1', 'p10', 'p11', 'p2', 'p3', 'p4', 'p5']);
      expect(ids(await search({ filters: { categoryId: 'home' } })).sort()).toEqual(['p8', 'p9']);
    });

    it('combine: category, brands, price range, minimum rating, in stock', async () => {
      const electronics = { categoryId: 'electronics' };
      expect((await search({ filters: electronics })).total).toBe(9);
      const acme = { ...electronics, brands: ['Acme', 'Keyz'] };
      expect(ids(await search({ filters: acme })).sort()).toEqual(['p3', 'p4', 'p6', 'p7']);
      const affordable = { ...acme, price: { min: 8_000, max: 20_000 } };
      expect(ids(await search({ filters: affordable })).sort()).toEqual(['p3', 'p7']);
      expect(ids(await search({ filters: { ...affordable, minRating: 4 } }))).toEqual(['p3']);
      expect(ids(await search({ filters: { ...affordable, inStockOnly: true } }))).toEqual(['p3']);
      expect(ids(await search({ q: 'keyboard', filters: { ...affordable, inStockOnly: true } }))).toEqual([]);
    });

    it('prices a product by its cheapest variant', async () => {
      const result = await search({ filters: { price: { max: 8_000 } }, q: 'party' });
      expect(result.hits).toMatchObject([{ productId: 'p4', price: { amount: 7_999 } }]);
    });

    it('rates by approved reviews only', async () => {
      const [hit] = (await search({ q: 'wireless headphones' })).hits;
      expect(hit).toMatchObject({ productId: 'p1', rating: 4.5, ratingCount: 2 });
    });
  });

  describe('sorts', () => {
    const amounts = (result: SearchResult) => result.hits.map((hit) => hit.price?.amount ?? 0);

    it('by price both ways', async () => {
      const up = amounts(await search({ sort: 'price_asc' }));
      expect(up).toEqual([...up].sort((a, b) => a - b));
      expect(amounts(await search({ sort: 'price_desc' }))).toEqual([...up].reverse().slice(0, up.length));
    });

    it('by rating', async () => {
      const ratings = (await search({ sort: 'rating' })).hits.map((hit) => hit.rating);
      expect(ratings).toEqual([...ratings].sort((a, b) => b - a));
      expect(ratings[0]).toBe(5);
    });

    it('by newest', async () => {
      expect(ids(await search({ sort: 'newest' })).slice(0, 2)).toEqual(['p12', 'p11']);
    });

    it('by best selling: units of confirmed orders', async () => {
      expect(ids(await search({ sort: 'best_selling' })).slice(0, 4)).toEqual(['p3', 'p1', 'p10', 'p4']);
    });
  });

  describe('pagination', () => {
    it.each<SearchSort>(['relevance', 'price_asc', 'price_desc', 'rating', 'newest', 'best_selling'])('is stable and complete (%s)', async (sort) => {
      const all = await search({ sort });
      const pages: string[] = [];
      for (let page = 1; page <= 5; page++) {
        const result = await sut.search.search({ sort, page, perPage: 3 });
        expect(result.total).toBe(published.length);
        pages.push(...ids(result));
      }
      expect(pages).toEqual(ids(all));
      expect(new Set(pages).size).toBe(published.length);
    });
  });

  describe('suggest', () => {
    it('completes a prefix', async () => {
      const titles = (await sut.search.suggest('wirel', 5)).map((s) => s.title);
      expect(titles).toContain('Wireless Headphones');
      expect(titles).toContain('Noise Cancelling Wireless Earbuds');
      expect(titles).not.toContain('Wireless Mouse');
      expect((await sut.search.suggest('espr', 5)).map((s) => s.productId)).toEqual(['p9']);
    });

    it('tolerates a typo', async () => {
      expect((await sut.search.suggest('headphnes', 5)).map((s) => s.productId)).toContain('p1');
    });

    it('respects the limit', async () => {
      const suggestions = await sut.search.suggest('st', 2);
      expect(suggestions.length).toBe(2);
      expect(suggestions.every((s) => /\bst/i.test(s.title))).toBe(true);
    });
  });

  describe('follows the events', () => {
    it('shows stock, price and rating changes once applied', async () => {
      const hose = { q: 'garden hose' };
      expect(ids(await search({ ...hose, filters: { inStockOnly: true } }))).toEqual([]);

      await sut.catalog.receiveStock('P12-25M', 7);
      await sut.catalog.changePrice('p12', 'P12-25M', 1_999);
      await sut.catalog.review('p12', 5);
      await sut.sync();

      const filters = { inStockOnly: true, price: { max: 2_000 }, minRating: 5 };
      expect((await search({ ...hose, filters })).hits).toMatchObject([
        { productId: 'p12', inStock: true, price: { amount: 1_999 }, rating: 5, ratingCount: 1 },
      ]);

      await sut.catalog.sellStock('P12-25M', 7);
      await sut.sync();
      expect(ids(await search({ ...hose, filters: { inStockOnly: true } }))).toEqual([]);
    });

    it('follows title changes and unpublishing', async () => {
      await sut.catalog.rename('p12', 'Garden Hose Reel');
      await sut.sync();
      expect(ids(await search({ q: 'reel' }))).toEqual(['p12']);

      await sut.catalog.setPublished('p12', false);
      await sut.sync();
      expect(ids(await search({ q: 'reel' }))).toEqual([]);
    });

    it('follows a category move into the new ancestor', async () => {
      await sut.catalog.moveCategory('speakers', 'home');
      await sut.sync();
      expect(ids(await search({ filters: { categoryId: 'home' } })).sort()).toEqual(['p10', 'p11', 'p4', 'p5', 'p8', 'p9']);
      expect(ids(await search({ filters: { categoryId: 'audio' } })).sort()).toEqual(['p1', 'p2', 'p3']);
    });
  });
}
