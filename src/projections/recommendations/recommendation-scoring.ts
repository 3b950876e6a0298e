import { sql, type RawBuilder } from 'kysely';

/** A pair seen once is a coincidence, not an association (and too few for the test below). */
export const MIN_CO_PURCHASES = 2;
/** Confidence in a pair grows as n / (n + SHRINKAGE): half the weight at 5 co-purchases, 90% at 45. */
export const SHRINKAGE = 5;
/** phi sqrt(N) is the pair's z score against independence (its square, the chi-square statistic): 2.5% of independent pairs pass 1.96. */
export const SIGNIFICANCE_Z = 1.96;

/**
 * How strongly buying a predicts buying b: the phi coefficient of the pair (the correlation of
 * "the order contains a" with "the order contains b"),
 *
 *   phi = (N n(a,b) - n(a) n(b)) / sqrt(n(a) (N - n(a)) n(b) (N - n(b)))
 *
 * kept only when positive and significant (phi sqrt(N) >= SIGNIFICANCE_Z), weighted by
 * n(a,b) / (n(a,b) + SHRINKAGE).
 *
 * Why phi: it is zero when a and b meet only as often as chance predicts, whatever their
 * popularity, so a best seller that lands in most baskets gains nothing from being everywhere.
 * Raw counts return the best sellers. Cosine, n(a,b) / sqrt(n(a) n(b)), only divides by sqrt(n(b)):
 * by pure chance it is sqrt(p(a) p(b)), high for best sellers, and summed over a customer's
 * purchases that bias takes over the personal list (on the test history, the planted partner made
 * a customer's top 3 for 74 of 148 customers with cosine, for all 148 with this score). Lift, n(a,b) N / (n(a) n(b)), does measure
 * against chance, but as a ratio: two coincidental co-purchases of a product sold twice make a
 * huge lift. Phi has that weakness too, more mildly (a 2-of-2 pair is a perfect correlation):
 * hence the minimum support and the shrinkage, which rank well-attested pairs first. The
 * significance test drops pairs that chance explains, so that a product with no real partner
 * falls back to its category's best sellers instead of a list of noise.
 *
 * Rows: (product_id = the partner, score) for every pair of a product in `seeds`; the same partner
 * appears once per seed it goes with. Hidden products are never partners.
 */
export function associations(seeds: readonly string[]): RawBuilder<{ product_id: string; score: number }> {
  return sql`
    SELECT product_id, phi * n / (n + ${sql.lit(SHRINKAGE)}) AS score FROM (
      SELECT p.other_id AS product_id, p.order_count::float8 AS n, t.confirmed_orders::float8 AS total,
        (t.confirmed_orders::float8 * p.order_count - a.order_count::float8 * b.order_count)
          / NULLIF(sqrt(a.order_count::float8 * (t.confirmed_orders - a.order_count)
                        * b.order_count * (t.confirmed_orders - b.order_count)), 0) AS phi
      FROM reco_pairs p
      JOIN reco_products a ON a.product_id = p.product_id
      JOIN reco_products b ON b.product_id = p.other_id
      CROSS JOIN reco_totals t
      WHERE p.product_id = ANY(${[...seeds]}::text[]) AND p.order_count >= ${sql.lit(MIN_CO_PURCHASES)} AND b.hidden IS NOT TRUE
    ) pair
    -- phi is null for a product in every order (no variance): not an association either.
    WHERE phi * sqrt(total) >= ${sql.lit(SIGNIFICANCE_Z)}`;
}
