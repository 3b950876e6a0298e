import { describe, expect, it } from 'vitest';
import type { ProductView } from '../../../projections/read-models/index.js';
import { etagOf } from './etag.js';
import { createProductDetailCache, productDetailOf } from './product-detail-cache.js';

const view = (productId: string, amount = 1_000): ProductView => ({
  productId,
  sellerId: 'seller-1',
  title: 'Cast iron skillet',
  description: 'Heavy.',
  brand: 'Lodge',
  categoryId: 'cat-1',
  categoryPath: [{ categoryId: 'cat-1', name: 'Cookware', slug: 'cookware' }],
  imageUrls: [],
  attributes: {},
  currency: 'USD',
  status: 'published',
  variants: [{ sku: `${productId}-S`, price: { amount, currency: 'USD' }, attributes: {}, inStock: true }],
  fromPrice: { amount, currency: 'USD' },
  rating: { average: null, count: 0 },
  inStock: true,
  createdAt: '2026-01-01T00:00:00.000Z',
});

/** A read model whose answers the test sets, reads it counts, and (optionally) holds until released. */
function fakeReadModel() {
  const products = new Map<string, ProductView>();
  const held: (() => void)[] = [];
  let hold = false;
  const reads: string[] = [];
  return {
    products,
    reads,
    hold(on: boolean) {
      hold = on;
    },
    release() {
      for (const go of held.splice(0)) go();
    },
    async load(productId: string) {
      reads.push(productId);
      const answer = products.get(productId);
      if (hold) await new Promise<void>((resolve) => held.push(resolve));
      return answer;
    },
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('the product detail cache', () => {
  it('encodes the answer once with the response schema (extra fields dropped) and tags the exact bytes', () => {
    const detail = productDetailOf({ ...view('p1'), internalNote: 'not for shoppers' } as ProductView);
    expect(JSON.parse(detail.body)).toEqual(view('p1'));
    expect(detail.body).not.toContain('internalNote');
    expect(detail.etag).toBe(etagOf(detail.body));
    expect(detail.bytes.toString('utf8')).toBe(detail.body);
  });

  it('answers from memory within the TTL, reads again in the background after 3/4 of it, and waits for a read past it', async () => {
    let clock = 0;
    const model = fakeReadModel();
    model.products.set('p1', view('p1', 1_000));
    const cache = createProductDetailCache((id) => model.load(id), { ttlMs: 1_000, now: () => clock });

    expect(JSON.parse((await cache.recent('p1'))!.body).fromPrice.amount).toBe(1_000);
    model.products.set('p1', view('p1', 2_000));
    clock = 749;
    expect(JSON.parse((await cache.recent('p1'))!.body).fromPrice.amount).toBe(1_000);
    expect(model.reads).toHaveLength(1);

    // Past 3/4 of the TTL: still the cached answer, and one background read for any number of requests.
    clock = 800;
    model.hold(true);
    expect(JSON.parse((await cache.recent('p1'))!.body).fromPrice.amount).toBe(1_000);
    expect(JSON.parse((await cache.recent('p1'))!.body).fromPrice.amount).toBe(1_000);
    expect(model.reads).toHaveLength(2);
    model.release();
    await settle();
    expect(JSON.parse((await cache.recent('p1'))!.body).fromPrice.amount).toBe(2_000);

    // Nothing read for a whole TTL: the next request waits for a read instead of getting the old answer.
    model.products.set('p1', view('p1', 3_000));
    model.hold(false);
    clock = 800 + 1_000;
    expect(JSON.parse((await cache.recent('p1'))!.body).fromPrice.amount).toBe(3_000);
  });

  it('shares one read between concurrent misses of a product', async () => {
    const model = fakeReadModel();
    model.products.set('p1', view('p1'));
    const cache = createProductDetailCache((id) => model.load(id));
    model.hold(true);
    const answers = Promise.all([cache.recent('p1'), cache.recent('p1'), cache.recent('p1')]);
    await settle();
    model.release();
    const [a, b, c] = await answers;
    expect(model.reads).toEqual(['p1']);
    expect(a).toBe(b);
    expect(b).toBe(c);
  });

  it('always reads for `fresh` (read-your-writes) and keeps what it read for later requests', async () => {
    const model = fakeReadModel();
    model.products.set('p1', view('p1', 1_000));
    const cache = createProductDetailCache((id) => model.load(id), { now: () => 0 });
    await cache.recent('p1');
    model.products.set('p1', view('p1', 2_000));
    expect(JSON.parse((await cache.fresh('p1'))!.body).fromPrice.amount).toBe(2_000);
    expect(JSON.parse((await cache.recent('p1'))!.body).fromPrice.amount).toBe(2_000);
    expect(model.reads).toHaveLength(2);
  });

  it('never lets an older read that finishes later replace a newer one', async () => {
    let clock = 0;
    const model = fakeReadModel();
    model.products.set('p1', view('p1', 1_000));
    const cache = createProductDetailCache((id) => model.load(id), { now: () => clock });
    model.hold(true);
    const older = cache.recent('p1'); // started at 0, sees 1,000, held
    await settle();
    model.hold(false);
    clock = 10;
    model.products.set('p1', view('p1', 2_000));
    expect(JSON.parse((await cache.fresh('p1'))!.body).fromPrice.amount).toBe(2_000); // started at 10
    model.release();
    expect(JSON.parse((await older)!.body).fromPrice.amount).toBe(1_000);
    expect(JSON.parse((await cache.recent('p1'))!.body).fromPrice.amount).toBe(2_000);
  });

  it('does not cache a product the read model lacks, and forgets one that disappears', async () => {
    const model = fakeReadModel();
    const cache = createProductDetailCache((id) => model.load(id), { now: () => 0 });
    expect(await cache.recent('p1')).toBeUndefined();
    model.products.set('p1', view('p1'));
    expect(await cache.recent('p1')).toBeDefined();
    model.products.delete('p1');
    expect(await cache.fresh('p1')).toBeUndefined();
    expect(await cache.recent('p1')).toBeUndefined();
    expect(model.reads).toHaveLength(4);
  });

  it('keeps at most maxEntries products, dropping the oldest read first', async () => {
    const model = fakeReadModel();
    for (const id of ['p1', 'p2', 'p3']) model.products.set(id, view(id));
    const cache = createProductDetailCache((id) => model.load(id), { maxEntries: 2, now: () => 0 });
    for (const id of ['p1', 'p2', 'p3']) await cache.recent(id);
    await cache.recent('p3');
    await cache.recent('p2');
    await cache.recent('p1');
    expect(model.reads).toEqual(['p1', 'p2', 'p3', 'p1']);
  });
});
