import { sql, type RawBuilder } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlStores, type OpenedStore } from '../../../test/support/stores.js';
import { waitUntilVisible } from '../../eventstore/wait-until-visible.js';
import { runSqlProjection } from '../runner/run-sql-projection.js';
import { recommendationsProjection } from './recommendations-projection.js';
import { createRecommendationQueries, type Recommendation, type RecommendationQueries } from './recommendations-queries.js';
import {
  appendHistory,
  bestSellers,
  categoryOf,
  discontinued,
  generateHistory,
  neverConfirmed,
  neverOrdered,
  plantedPairs,
  productIds,
  type ConfirmedBasket,
} from './recommendations.fixtures.js';

const history = generateHistory(20261122, 3000);

/** The counts a correct projection holds, computed the plain way from the generator's ground truth. */
function expectedCounts(baskets: readonly ConfirmedBasket[]) {
  const products: Record<string, number> = {};
  const pairs: Record<string, number> = {};
  const customers: Record<string, number> = {};
  const add = (counts: Record<string, number>, key: string) => (counts[key] = (counts[key] ?? 0) + 1);
  for (const { customerId, productIds: basket } of baskets) {
    for (const a of basket) {
      add(products, a);
      if (customerId !== null) add(customers, `${customerId}|${a}`);
      for (const b of basket) if (a !== b) add(pairs, `${a}|${b}`);
    }
  }
  return { products, pairs, customers };
}
const expected = expectedCounts(history.confirmed);
const ownedBy = (customerId: string) =>
  new Set(history.confirmed.filter((b) => b.customerId === customerId).flatMap((b) => b.productIds));
const byPopularity = (products: readonly string[]) =>
  [...products].sort((x, y) => expected.products[y]! - expected.products[x]! || x.localeCompare(y));
const ids = (list: readonly Recommendation[]) => list.map((r) => r.productId);

describe.each(sqlStores)('recommendations on $name', ({ open }) => {
  let opened: OpenedStore;
  let queries: RecommendationQueries;
  const rows = async <Row>(query: RawBuilder<Row>) => (await query.execute(opened.db)).rows;

  beforeAll(async () => {
    opened = await open();
    const last = await appendHistory(opened.store, history);
    // The last append, not the head: the head can trail an unrelated write transaction on the server.
    expect(await waitUntilVisible(opened.store, last!, 30_000)).toBe(true);
    // Pages much smaller than the history: many orders are settled a page or more after they were placed.
    const running = runSqlProjection(recommendationsProjection, { store: opened.store, db: opened.db, batchSize: 250 });
    expect(await running.waitFor(last!, 60_000)).toBe(true);
    await running.stop();
    queries = createRecommendationQueries(opened.db);
  });
  afterAll(() => opened?.dispose());

  it('counts exactly the confirmed orders: products, pairs, customers and the total', async () => {
    const products = await rows(sql<{ product_id: string; order_count: number }>`SELECT product_id, order_count FROM reco_products WHERE order_count > 0`);
    expect(Object.fromEntries(products.map((r) => [r.product_id, r.order_count]))).toEqual(expected.products);
    const pairs = await rows(sql<{ product_id: string; other_id: string; order_count: number }>`SELECT * FROM reco_pairs`);
    expect(Object.fromEntries(pairs.map((r) => [`${r.product_id}|${r.other_id}`, r.order_count]))).toEqual(expected.pairs);
    const owned = await rows(sql<{ customer_id: string; product_id: string; order_count: number }>`SELECT * FROM reco_customer_products`);
    expect(Object.fromEntries(owned.map((r) => [`${r.customer_id}|${r.product_id}`, r.order_count]))).toEqual(expected.customers);
    const [totals] = await rows(sql<{ confirmed_orders: number }>`SELECT confirmed_orders::int AS confirmed_orders FROM reco_totals`);
    expect(totals!.confirmed_orders).toBe(history.confirmed.length);
    // Only orders never settled still wait; every other basket left the pending table.
    const [pending] = await rows(sql<{ n: number }>`SELECT count(*)::int AS n FROM reco_pending_orders`);
    expect(history.leftPending).toBeGreaterThan(0);
    expect(pending!.n).toBe(history.leftPending);
  });

  it('never counts orders that were rejected, cancelled before confirmation or left pending', async () => {
    const counted = await rows(
      sql<{ n: number }>`SELECT count(*)::int AS n FROM reco_pairs WHERE product_id = ANY(${neverConfirmed}) OR other_id = ANY(${neverConfirmed})`,
    );
    expect(counted[0]!.n).toBe(0);
    for (const product of neverConfirmed) {
      const list = await queries.alsoBought(product, 5);
      expect(list.map((r) => r.reason)).toEqual(Array(5).fill('popular_in_category'));
      expect(ids(list)).not.toContain(neverConfirmed.find((p) => p !== product));
    }
  });

  it('ranks each planted partner in the top 3 of also bought, both ways, above every best seller', async () => {
    for (const [a, b] of plantedPairs) {
      for (const [seed, partner] of [[a, b], [b, a]] as const) {
        const list = await queries.alsoBought(seed, 10);
        const rank = ids(list).indexOf(partner);
        expect(rank, `${partner} for ${seed}: ${JSON.stringify(list)}`).toBeGreaterThanOrEqual(0);
        expect(rank).toBeLessThan(3);
        expect(list[rank]!.reason).toBe('also_bought');
        for (const seller of bestSellers) {
          const sellerRank = ids(list).indexOf(seller);
          if (sellerRank >= 0) expect(sellerRank).toBeGreaterThan(rank);
        }
      }
    }
  });

  it('faces a history where raw co-purchase counts would rank best sellers above the partner', async () => {
    for (const [anchor, partner] of plantedPairs) {
      const raw = await rows(sql<{ other_id: string }>`SELECT other_id FROM reco_pairs WHERE product_id = ${anchor} ORDER BY order_count DESC, other_id`);
      const order = raw.map((r) => r.other_id);
      expect(bestSellers.every((seller) => order.indexOf(seller) < order.indexOf(partner))).toBe(true);
    }
  });

  it('personalises from what the customer bought, never recommending one of their purchases', async () => {
    const customers = [...new Set(history.confirmed.flatMap((b) => (b.customerId === null ? [] : [b.customerId])))];
    for (const [anchor, partner] of plantedPairs) {
      const owners = customers.filter((c) => ownedBy(c).has(anchor) && !ownedBy(c).has(partner));
      expect(owners.length).toBeGreaterThan(10);
      for (const customerId of owners) {
        const top = await queries.recommendedFor(customerId, 3);
        expect(top.find((r) => r.productId === partner), `${partner} for ${customerId}: ${JSON.stringify(top)}`).toMatchObject({ reason: 'personal' });
      }
    }
    for (const customerId of customers.slice(0, 60)) {
      const owned = ownedBy(customerId);
      const list = await queries.recommendedFor(customerId, 8);
      expect(list).toHaveLength(8);
      expect(ids(list).filter((id) => owned.has(id))).toEqual([]);
      expect(new Set(ids(list)).size).toBe(list.length);
    }
  });

  it("answers cold start with the category's best sellers, then overall ones, flagged", async () => {
    const category = productIds.filter(
      (p) => categoryOf(p) === categoryOf(neverOrdered) && p !== neverOrdered && p !== discontinued && expected.products[p],
    );
    const ranked = byPopularity(category);
    const list = await queries.alsoBought(neverOrdered, ranked.length + 2);
    expect(list.map((r) => [r.productId, r.reason])).toEqual([
      ...ranked.map((p) => [p, 'popular_in_category']),
      ...byPopularity(bestSellers).slice(0, 2).map((p) => [p, 'popular']),
    ]);
  });

  it('falls back to overall best sellers for an unknown product or a customer with no history', async () => {
    const top = byPopularity(bestSellers);
    for (const list of [await queries.alsoBought('prod-unknown', 3), await queries.recommendedFor('cust-unknown', 3)]) {
      expect(list.map((r) => [r.productId, r.reason])).toEqual(top.map((p) => [p, 'popular']));
      expect(list[0]!.score).toBeCloseTo(expected.products[top[0]!]! / history.confirmed.length);
    }
  });

  it('never recommends a product that is no longer on sale, though its purchases still count', async () => {
    expect(expected.products[discontinued]).toBeGreaterThan(0);
    for (const product of productIds) expect(ids(await queries.alsoBought(product, 20))).not.toContain(discontinued);
    expect(ids(await queries.recommendedFor('cust-unknown', 40))).not.toContain(discontinued);
  });
});
