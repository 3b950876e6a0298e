import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../testing/http-harness.js';
import { createCategory, createProduct, headPosition, placeSettledOrder, type CreatedProduct } from './catalog.fixtures.js';

interface Page {
  items: { productId: string; status: string; fromPrice: { amount: number } }[];
  nextCursor: string | null;
}

describe('the catalog over HTTP: categories, products, ETags, reviews, search, recommendations', () => {
  let t: TestApp;
  let seller: { customerId: string; token: string };
  let rival: { customerId: string; token: string };
  let admin: { customerId: string; token: string };
  let shopper: { customerId: string; token: string };
  let kitchen: string;
  let cookware: string;
  let garden: string;
  let skillet: CreatedProduct;
  let kettle: CreatedProduct;
  let trowel: CreatedProduct;
  let soldOut: CreatedProduct;
  let draft: CreatedProduct;
  let position: string;

  beforeAll(async () => {
    t = await startTestApp();
    [seller, rival, admin, shopper] = await Promise.all([t.account(['seller']), t.account(['seller']), t.account(['admin']), t.account()]);
    kitchen = await createCategory(t, 'Kitchen');
    cookware = await createCategory(t, 'Cookware', kitchen);
    garden = await createCategory(t, 'Garden');
    const sellerId = seller.customerId;
    skillet = await createProduct(t, { sellerId, categoryId: cookware, title: 'Cast iron skillet', brand: 'Lodge', amount: 3500, stock: 100 });
    kettle = await createProduct(t, { sellerId, categoryId: kitchen, title: 'Whistling kettle', brand: 'Alessi', amount: 8900, stock: 100 });
    trowel = await createProduct(t, { sellerId: rival.customerId, categoryId: garden, title: 'Garden trowel', brand: 'Fiskars', amount: 1200, stock: 100 });
    soldOut = await createProduct(t, { sellerId, categoryId: cookware, title: 'Copper saucepan', brand: 'Mauviel', amount: 15000, stock: 0 });
    draft = await createProduct(t, { sellerId, categoryId: cookware, title: 'Unreleased wok', brand: 'Lodge', publish: false });
    position = await headPosition(t);
  });
  afterAll(async () => t?.close());

  const get = (url: string, token?: string, headers: Record<string, string> = {}) => t.request({ method: 'GET', url, headers, ...(token ? { token } : {}) });
  const ids = (page: Page) => page.items.map((item) => item.productId);

  async function refused(send: () => ReturnType<typeof get>, status: number, type: string) {
    const before = await t.system.store.headPosition();
    const response = await send();
    expect(response.statusCode).toBe(status);
    expect(String(response.headers['content-type'])).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ type, status });
    expect(await t.system.store.headPosition()).toEqual(before);
  }

  it('answers the category tree with counts of published products', async () => {
    const response = await get(`/api/v1/categories?position=${position}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-read-position-reached']).toBe('true');
    const { items } = response.json<{ items: { categoryId: string; productCount: number; children: { categoryId: string; productCount: number }[] }[] }>();
    const kitchenNode = items.find((node) => node.categoryId === kitchen);
    expect(kitchenNode).toMatchObject({ productCount: 3, directProductCount: 1, children: [{ categoryId: cookware, productCount: 2 }] });
    expect(items.find((node) => node.categoryId === garden)).toMatchObject({ productCount: 1, children: [] });
  });

  it('lists published products with filters and keyset pagination', async () => {
    const all = (await get(`/api/v1/products?position=${position}&limit=100`)).json<Page>();
    expect(ids(all)).toEqual(expect.arrayContaining([skillet.productId, kettle.productId, trowel.productId, soldOut.productId]));
    expect(ids(all)).not.toContain(draft.productId);

    const inKitchen = (await get(`/api/v1/products?category=${kitchen}&sort=price_asc`)).json<Page>();
    expect(ids(inKitchen)).toEqual([skillet.productId, kettle.productId, soldOut.productId]);
    expect((await get(`/api/v1/products?category=${kitchen}&includeDescendants=false`)).json<Page>().items.map((i) => i.productId)).toEqual([kettle.productId]);
    expect(ids((await get(`/api/v1/products?seller=${rival.customerId}`)).json<Page>())).toEqual([trowel.productId]);
    expect(ids((await get(`/api/v1/products?brand=Mauviel`)).json<Page>())).toEqual([soldOut.productId]);
    expect(ids((await get(`/api/v1/products?category=${cookware}&inStock=true`)).json<Page>())).toEqual([skillet.productId]);

    const pages: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = (await get(`/api/v1/products?category=${kitchen}&sort=price_desc&limit=1${cursor ? `&cursor=${cursor}` : ''}`)).json<Page>();
      pages.push(...ids(page));
      cursor = page.nextCursor;
    } while (cursor !== null && pages.length < 10);
    expect(pages).toEqual([soldOut.productId, kettle.productId, skillet.productId]);
  });

  it('shows a seller their own drafts, and nobody else', async () => {
    const own = (await get(`/api/v1/products?seller=${seller.customerId}&status=any&limit=100`, seller.token)).json<Page>();
    expect(ids(own)).toContain(draft.productId);
    expect(ids((await get(`/api/v1/products?seller=${seller.customerId}&status=draft`, admin.token)).json<Page>())).toEqual([draft.productId]);
    await refused(() => get(`/api/v1/products?seller=${seller.customerId}&status=draft`, rival.token), 403, '/problems/forbidden');
    await refused(() => get(`/api/v1/products?status=draft`), 403, '/problems/forbidden');

    expect((await get(`/api/v1/products/${draft.productId}`, seller.token)).json()).toMatchObject({ productId: draft.productId, status: 'draft' });
    expect((await get(`/api/v1/products/${draft.productId}`, admin.token)).statusCode).toBe(200);
    await refused(() => get(`/api/v1/products/${draft.productId}`), 404, '/problems/product-not-found');
    await refused(() => get(`/api/v1/products/${draft.productId}`, rival.token), 404, '/problems/product-not-found');
    await refused(() => get(`/api/v1/products/${randomUUID()}`), 404, '/problems/product-not-found');
  });

  it('answers product detail with an ETag, 304 when it still matches, a new tag after a change', async () => {
    const first = await get(`/api/v1/products/${skillet.productId}`);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      productId: skillet.productId,
      title: 'Cast iron skillet',
      status: 'published',
      fromPrice: { amount: 3500, currency: 'USD' },
      inStock: true,
      categoryPath: [{ categoryId: kitchen }, { categoryId: cookware }],
      variants: [{ sku: skillet.sku, inStock: true }],
    });
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[\w-]+"$/);

    const cached = await get(`/api/v1/products/${skillet.productId}`, undefined, { 'if-none-match': etag });
    expect(cached.statusCode).toBe(304);
    expect(cached.body).toBe('');
    expect(cached.headers.etag).toBe(etag);
    expect((await get(`/api/v1/products/${skillet.productId}`, undefined, { 'if-none-match': '"stale"' })).statusCode).toBe(200);

    const changed = await t.system.commands.product.send(
      { type: 'ChangeVariantPrice', data: { actor: { userId: seller.customerId, roles: ['seller'] }, productId: skillet.productId, sku: skillet.sku, price: { amount: 2999, currency: 'USD' } } },
      { commandId: randomUUID() },
    );
    expect(changed.ok).toBe(true);
    const after = await get(`/api/v1/products/${skillet.productId}?position=${await headPosition(t)}`, undefined, { 'if-none-match': etag });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
    expect(after.json()).toMatchObject({ fromPrice: { amount: 2999 } });
    skillet = { ...skillet, amount: 2999 };
  });

  it('refuses malformed catalog queries with 400 problems', async () => {
    await refused(() => get('/api/v1/products?cursor=not-a-cursor'), 400, '/problems/validation-failed');
    await refused(() => get('/api/v1/products?limit=1000'), 400, '/problems/validation-failed');
    await refused(() => get('/api/v1/products?sort=cheapest'), 400, '/problems/validation-failed');
    await refused(() => get('/api/v1/products?inStock=maybe'), 400, '/problems/validation-failed');
    await refused(() => get('/api/v1/products?colour=red'), 400, '/problems/validation-failed');
    await refused(() => get(`/api/v1/products/${skillet.productId}?position=later`), 400, '/problems/validation-failed');
    await refused(() => get('/api/v1/categories?depth=2'), 400, '/problems/validation-failed');
  });

  describe('reviews', () => {
    const review = (productId: string, body: unknown, token?: string) =>
      t.request({ method: 'POST', url: `/api/v1/products/${productId}/reviews`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body), ...(token ? { token } : {}) });

    it('marks a review verified when its author bought the product, and shows it once approved', async () => {
      const order = await placeSettledOrder(t, shopper.customerId, [skillet, kettle]);
      expect(order.status).toBe('CONFIRMED');

      const submitted = await review(skillet.productId, { rating: 5, title: 'Heavy and even', body: 'Sears beautifully.' }, shopper.token);
      expect(submitted.statusCode).toBe(201);
      const answer = submitted.json<{ reviewId: string; position: string }>();
      expect(answer).toMatchObject({ productId: skillet.productId, status: 'pending', verifiedPurchase: true, position: expect.any(String) });

      const stranger = await t.account();
      const unverified = await review(skillet.productId, { rating: 2, title: 'Too heavy' }, stranger.token);
      expect(unverified.json()).toMatchObject({ verifiedPurchase: false });

      // Pending reviews are not public.
      expect((await get(`/api/v1/products/${skillet.productId}/reviews?position=${answer.position}`)).json()).toMatchObject({ items: [], stats: { count: 0 } });

      const approved = await t.system.commands.review.send(
        { type: 'ModerateReview', data: { reviewId: answer.reviewId, actor: { userId: admin.customerId, roles: ['admin'] }, verdict: { kind: 'approve' }, at: new Date().toISOString() } },
        { commandId: randomUUID() },
      );
      expect(approved.ok).toBe(true);
      const listed = await get(`/api/v1/products/${skillet.productId}/reviews?position=${await headPosition(t)}`);
      expect(listed.statusCode).toBe(200);
      expect(listed.json()).toMatchObject({
        items: [{ reviewId: answer.reviewId, customerId: shopper.customerId, rating: 5, verifiedPurchase: true, title: 'Heavy and even' }],
        stats: { count: 1, average: 5, distribution: { 5: 1 } },
        nextCursor: null,
      });
    });

    it('keeps one review per customer and product, and refuses bad input without appending', async () => {
      const author = await t.account();
      const first = await review(kettle.productId, { rating: 4, title: 'Loud whistle' }, author.token);
      expect(first.statusCode).toBe(201);
      // The same review again is a no-op; a different one is a conflict.
      const again = await review(kettle.productId, { rating: 4, title: 'Loud whistle' }, author.token);
      expect(again.statusCode).toBe(201);
      expect(again.json()).toMatchObject({ reviewId: first.json<{ reviewId: string }>().reviewId });
      await refused(() => review(kettle.productId, { rating: 1, title: 'Changed my mind' }, author.token), 409, '/problems/review-already-exists');

      await refused(() => review(kettle.productId, { rating: 4, title: 'Anonymous' }), 401, '/problems/unauthorized');
      await refused(() => review(kettle.productId, { rating: 6, title: 'Too good' }, author.token), 400, '/problems/validation-failed');
      await refused(() => review(kettle.productId, { rating: 4.5, title: 'Half' }, author.token), 400, '/problems/validation-failed');
      await refused(() => review(kettle.productId, { rating: 4, title: '   ' }, author.token), 400, '/problems/validation-failed');
      await refused(() => review(kettle.productId, { rating: 4, title: 'Fine', verifiedPurchase: true }, author.token), 400, '/problems/validation-failed');
      await refused(() => review(draft.productId, { rating: 4, title: 'Early' }, author.token), 404, '/problems/product-not-found');
      await refused(() => get(`/api/v1/products/${draft.productId}/reviews`), 404, '/problems/product-not-found');
      await refused(() => get(`/api/v1/products/${kettle.productId}/reviews?cursor=%%%`), 400, '/problems/validation-failed');
    });
  });

  describe('search', () => {
    interface SearchAnswer {
      hits: { productId: string; title: string }[];
      total: number;
      facets: { brand: { value: string; count: number }[]; category: { value: string; count: number }[]; price: { key: string; count: number }[] };
      nextCursor: string | null;
    }
    const search = async (query: string) => {
      const response = await get(`/api/v1/search/products?position=${await headPosition(t)}&${query}`);
      expect(response.statusCode).toBe(200);
      return response.json<SearchAnswer>();
    };

    it('finds products by text, despite a typo, with facets', async () => {
      const exact = await search('q=skillet');
      expect(exact.hits.map((h) => h.productId)).toEqual([skillet.productId]);
      const typo = await search('q=skilet');
      expect(typo.hits.map((h) => h.productId)).toContain(skillet.productId);

      const browse = await search(`category=${kitchen}`);
      expect(browse.total).toBe(3);
      expect(browse.facets.brand).toEqual(expect.arrayContaining([{ value: 'Lodge', count: 1 }, { value: 'Alessi', count: 1 }, { value: 'Mauviel', count: 1 }]));
      expect(browse.facets.category).toEqual(expect.arrayContaining([{ value: cookware, count: 2 }, { value: kitchen, count: 1 }]));
      expect(browse.facets.price.reduce((sum, bucket) => sum + bucket.count, 0)).toBe(3);
    });

    it('filters by brand, price, stock and pages with a cursor', async () => {
      expect((await search(`category=${kitchen}&brand=Lodge&brand=Alessi`)).hits.map((h) => h.productId).sort()).toEqual([skillet.productId, kettle.productId].sort());
      expect((await search(`category=${kitchen}&minPrice=5000&maxPrice=10000`)).hits.map((h) => h.productId)).toEqual([kettle.productId]);
      expect((await search(`category=${kitchen}&inStock=true`)).hits.map((h) => h.productId)).not.toContain(soldOut.productId);

      const seen: string[] = [];
      let page = await search(`category=${kitchen}&sort=price_asc&limit=2`);
      seen.push(...page.hits.map((h) => h.productId));
      expect(page.nextCursor).not.toBeNull();
      page = await search(`category=${kitchen}&sort=price_asc&limit=2&cursor=${page.nextCursor}`);
      seen.push(...page.hits.map((h) => h.productId));
      expect(page.nextCursor).toBeNull();
      expect(seen).toEqual([skillet.productId, kettle.productId, soldOut.productId]);
    });

    it('suggests titles as the shopper types', async () => {
      const response = await get('/api/v1/search/suggest?q=whist');
      expect(response.statusCode).toBe(200);
      expect(response.json<{ items: { productId: string; title: string }[] }>().items).toContainEqual({ productId: kettle.productId, title: 'Whistling kettle' });
    });

    it('refuses malformed search queries with 400 problems', async () => {
      await refused(() => get('/api/v1/search/products?sort=random'), 400, '/problems/validation-failed');
      await refused(() => get('/api/v1/search/products?minPrice=cheap'), 400, '/problems/validation-failed');
      await refused(() => get('/api/v1/search/products?minRating=9'), 400, '/problems/validation-failed');
      await refused(() => get('/api/v1/search/products?cursor=bm9wZQ'), 400, '/problems/validation-failed');
      await refused(() => get(`/api/v1/search/products?q=${'x'.repeat(300)}`), 400, '/problems/validation-failed');
      await refused(() => get('/api/v1/search/products?color=red'), 400, '/problems/validation-failed');
      await refused(() => get('/api/v1/search/suggest'), 400, '/problems/validation-failed');
      await refused(() => get('/api/v1/search/suggest?q=%20%20'), 400, '/problems/validation-failed');
    });
  });

  describe('recommendations', () => {
    it('answers “also bought” from confirmed orders, and personal picks from a customer’s history', async () => {
      // Skillet and kettle go together (a pair needs two co-purchases at least and must beat chance); trowels sell alone.
      const buyers = await Promise.all(Array.from({ length: 7 }, () => t.account()));
      const orders = await Promise.all(buyers.map((buyer, i) => placeSettledOrder(t, buyer.customerId, i < 4 ? [skillet, kettle] : [trowel])));
      expect(orders.map((o) => o.status)).toEqual(Array(7).fill('CONFIRMED'));
      const newcomer = await t.account();
      expect((await placeSettledOrder(t, newcomer.customerId, [skillet])).status).toBe('CONFIRMED');
      const at = await headPosition(t);

      const alsoBought = await get(`/api/v1/products/${skillet.productId}/also-bought?position=${at}`);
      expect(alsoBought.statusCode).toBe(200);
      expect(alsoBought.headers['x-read-position-reached']).toBe('true');
      const partners = alsoBought.json<{ items: { productId: string; reason: string; title: string }[] }>().items;
      expect(partners[0]).toMatchObject({ productId: kettle.productId, reason: 'also_bought', title: 'Whistling kettle', fromPrice: { amount: 8900 } });
      expect(partners.filter((p) => p.reason === 'also_bought').map((p) => p.productId)).toEqual([kettle.productId]);
      expect(partners.map((p) => p.productId)).not.toContain(skillet.productId);

      const mine = await get(`/api/v1/me/recommendations?position=${at}`, newcomer.token);
      expect(mine.statusCode).toBe(200);
      const picks = mine.json<{ items: { productId: string; reason: string }[] }>().items;
      expect(picks[0]).toMatchObject({ productId: kettle.productId, reason: 'personal' });
      expect(picks.map((p) => p.productId)).not.toContain(skillet.productId);
      // Without a history: best sellers.
      const fresh = await t.account();
      const cold = (await get(`/api/v1/me/recommendations?position=${at}&limit=3`, fresh.token)).json<{ items: { reason: string }[] }>().items;
      expect(cold.length).toBeGreaterThan(0);
      expect(cold.every((p) => p.reason === 'popular')).toBe(true);
    });

    it('refuses unknown products, guests on /me and bad limits', async () => {
      await refused(() => get(`/api/v1/products/${randomUUID()}/also-bought`), 404, '/problems/product-not-found');
      await refused(() => get(`/api/v1/products/${draft.productId}/also-bought`), 404, '/problems/product-not-found');
      await refused(() => get('/api/v1/me/recommendations'), 401, '/problems/unauthorized');
      await refused(() => get(`/api/v1/products/${skillet.productId}/also-bought?limit=0`), 400, '/problems/validation-failed');
    });
  });

  it('publishes every catalog route in the OpenAPI document', async () => {
    const document = (await get('/openapi.json')).json<{ paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } }>();
    // The tree is recursive: its node schema is a named component, and the reference must resolve.
    expect(document.components.schemas).toHaveProperty('CategoryNode');
    for (const path of [
      '/api/v1/categories',
      '/api/v1/products',
      '/api/v1/products/{productId}',
      '/api/v1/products/{productId}/reviews',
      '/api/v1/search/products',
      '/api/v1/search/suggest',
      '/api/v1/products/{productId}/also-bought',
      '/api/v1/me/recommendations',
    ]) {
      expect(Object.keys(document.paths)).toContain(path);
    }
  });
});
