import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../eventstore/types.js';
import { columns, foldBatch, tally, type OrderBasket } from './recommendation-batch.js';

let position = 0n;
const recorded = (type: string, data: Record<string, unknown>): RecordedEvent => ({
  id: `e-${++position}`,
  type,
  data,
  metadata: {},
  streamName: 'x',
  revision: 0n,
  position: { commit: 1n, prepare: position },
  recordedAt: new Date(0),
});
const placed = (orderId: string, customerId: string | null, products: string[]) =>
  recorded('OrderPlaced', { orderId, customerId, lines: products.map((productId, i) => ({ sku: `${productId}-${i}`, productId })) });

describe('foldBatch', () => {
  it('counts what is confirmed in the page, defers what is open and names what was placed earlier', () => {
    const batch = foldBatch([
      placed('o1', 'c1', ['a', 'b', 'a']),
      placed('o2', null, ['c']),
      placed('o3', 'c2', ['d']),
      recorded('OrderConfirmed', { orderId: 'o1' }),
      recorded('OrderRejected', { orderId: 'o2' }),
      recorded('OrderConfirmed', { orderId: 'earlier-1' }),
      recorded('OrderCancelled', { orderId: 'earlier-2' }),
    ]);
    // Two lines of product `a` (two variants) make one purchase of `a`.
    expect(batch.confirmed).toEqual([{ orderId: 'o1', customerId: 'c1', productIds: ['a', 'b'] }]);
    expect([...batch.placed.keys()]).toEqual(['o3']);
    expect(batch.confirmedEarlier).toEqual(['earlier-1']);
    expect(batch.droppedEarlier).toEqual(['earlier-2']);
  });

  it('keeps the last catalog facts of the page per product', () => {
    const batch = foldBatch([
      recorded('ProductCreated', { productId: 'p', categoryId: 'shoes' }),
      recorded('ProductPublished', { productId: 'p' }),
      recorded('ProductDetailsUpdated', { productId: 'p', categoryId: 'boots' }),
      recorded('ProductDetailsUpdated', { productId: 'q', title: 'no category change' }),
      recorded('ProductDiscontinued', { productId: 'r' }),
    ]);
    expect(Object.fromEntries(batch.products)).toEqual({ p: { categoryId: 'boots', hidden: false }, r: { hidden: true } });
  });
});

describe('tally', () => {
  const basket = fc.record({
    orderId: fc.uuid(),
    customerId: fc.option(fc.constantFrom('c1', 'c2', 'c3'), { nil: null }),
    productIds: fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { minLength: 1 }),
  });

  it('adds k(k-1) directed pairs per order of k products, symmetric, and one purchase per product', () => {
    fc.assert(
      fc.property(fc.array(basket), (baskets: OrderBasket[]) => {
        const counts = tally(baskets);
        const [from, to, n] = columns(counts.pairs);
        const total = n.reduce((sum, x) => sum + x, 0);
        expect(total).toBe(baskets.reduce((sum, b) => sum + b.productIds.length * (b.productIds.length - 1), 0));
        from.forEach((a, i) => expect(counts.pairs.get(to[i]!)?.get(a)).toBe(n[i]));
        expect(from.every((a, i) => a !== to[i])).toBe(true);
        expect([...counts.products.values()].reduce((s, x) => s + x, 0)).toBe(baskets.reduce((s, b) => s + b.productIds.length, 0));
        expect(counts.orders).toBe(baskets.length);
      }),
    );
  });
});
