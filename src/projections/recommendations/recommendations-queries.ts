import { sql, type Kysely } from 'kysely';
import { associations } from './recommendation-scoring.js';

/**
 * Why a product is in the list. Scores compare only within one reason: the co-purchase ones are
 * association strengths (see `associations`), the popularity ones the share of confirmed orders
 * that contain the product.
 */
export type RecommendationReason = 'also_bought' | 'personal' | 'popular_in_category' | 'popular';

export interface Recommendation {
  readonly productId: string;
  readonly reason: RecommendationReason;
  readonly score: number;
}

export interface RecommendationQueries {
  /** Bought together with `productId`, then its category's best sellers, then overall ones. */
  alsoBought(productId: string, limit: number): Promise<Recommendation[]>;
  /** From the customer's purchases, never one of them; then best sellers of their categories, then overall. */
  recommendedFor(customerId: string, limit: number): Promise<Recommendation[]>;
}

export const MAX_LIMIT = 100;

const clamp = (limit: number) => Math.max(0, Math.min(MAX_LIMIT, Math.trunc(limit)));

type Row = { product_id: string; score: number };
const as = (reason: RecommendationReason) => (row: Row): Recommendation => ({ productId: row.product_id, reason, score: row.score });
const known = (categories: ReadonlyArray<string | null>) => [...new Set(categories.filter((c): c is string => c !== null))];

/** Reads the views of `recommendationsProjection`, so that it keeps answering during a rebuild. */
export function createRecommendationQueries(db: Kysely<unknown>): RecommendationQueries {
  /** Best sellers on sale, in `categories` when given, leaving out `exclude`. */
  async function popular(limit: number, exclude: readonly string[], categories?: readonly string[]): Promise<Recommendation[]> {
    if (limit <= 0 || categories?.length === 0) return [];
    const inCategories = categories ? sql`AND r.category_id = ANY(${[...categories]}::text[])` : sql``;
    const result = await sql<Row>`
      SELECT r.product_id, r.order_count::float8 / GREATEST(t.confirmed_orders, 1) AS score
      FROM reco_products r CROSS JOIN reco_totals t
      WHERE r.order_count > 0 AND r.hidden IS NOT TRUE AND r.product_id <> ALL(${[...exclude]}::text[]) ${inCategories}
      ORDER BY r.order_count DESC, r.product_id LIMIT ${limit}`.execute(db);
    return result.rows.map(as(categories ? 'popular_in_category' : 'popular'));
  }

  /** Cold start, and whatever the co-purchase data could not fill: category best sellers, then overall. */
  async function topUp(found: Recommendation[], limit: number, exclude: readonly string[], categories: readonly string[]) {
    const listed = () => [...exclude, ...found.map((r) => r.productId)];
    found.push(...(await popular(limit - found.length, listed(), categories)));
    found.push(...(await popular(limit - found.length, listed())));
    return found;
  }

  return {
    async alsoBought(productId, requested) {
      const limit = clamp(requested);
      if (limit === 0) return [];
      const partners = await sql<Row>`
        SELECT product_id, score FROM (${associations([productId])}) s
        ORDER BY score DESC, product_id LIMIT ${limit}`.execute(db);
      const product = await sql<{ category_id: string | null }>`
        SELECT category_id FROM reco_products WHERE product_id = ${productId}`.execute(db);
      return topUp(partners.rows.map(as('also_bought')), limit, [productId], known(product.rows.map((r) => r.category_id)));
    },

    async recommendedFor(customerId, requested) {
      const limit = clamp(requested);
      if (limit === 0) return [];
      const history = await sql<{ product_id: string; category_id: string | null }>`
        SELECT c.product_id, r.category_id FROM reco_customer_products c
        LEFT JOIN reco_products r ON r.product_id = c.product_id WHERE c.customer_id = ${customerId}`.execute(db);
      const owned = history.rows.map((row) => row.product_id);
      if (owned.length === 0) return topUp([], limit, [], []);
      // Each purchase votes for its partners with the pair's score: what goes with several of the
      // customer's purchases beats what goes equally well with only one.
      const personal = await sql<Row>`
        SELECT product_id, SUM(score) AS score FROM (${associations(owned)}) s
        WHERE product_id <> ALL(${owned}::text[])
        GROUP BY product_id ORDER BY score DESC, product_id LIMIT ${limit}`.execute(db);
      return topUp(personal.rows.map(as('personal')), limit, owned, known(history.rows.map((r) => r.category_id)));
    },
  };
}
