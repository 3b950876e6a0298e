import { sql } from 'kysely';
import { reviewStreamCategory, type ReviewEvent } from '../../../domain/review/index.js';
import type { SqlProjection } from '../../runner/sql-projection.js';
import { domainEvent } from '../shared/domain-event.js';
import { keysToLoad } from '../shared/document-fold.js';
import { loadDocs, UPDATED_OFTEN, upsertRows, type RowTable } from '../shared/sql-rows.js';
import { evolveReviewView, ratingContribution, type RatingContribution, type ReviewView } from './review-view.js';

const REVIEWS = 'product_reviews';
const STATS = 'product_review_stats';

interface StatsDelta {
  productId: string;
  count: number;
  sum: number;
  stars: number[];
}

const reviews: RowTable<ReviewView> = {
  key: ['review_id'],
  columns: [
    { name: 'review_id', type: 'text', value: (r) => r.reviewId },
    { name: 'doc', type: 'jsonb', value: (r) => r },
    { name: 'product_id', type: 'text', value: (r) => r.productId },
    { name: 'status', type: 'text', value: (r) => r.status },
    { name: 'submitted_at', type: 'timestamptz', value: (r) => r.submittedAt },
  ],
};

const star = (n: number) => ({ name: `rating_${n}`, type: 'integer', value: (d: StatsDelta) => d.stars[n - 1], merge: 'add' as const });

/** Rating stats of approved reviews, kept by deltas: the product page never aggregates reviews. */
const stats: RowTable<StatsDelta> = {
  key: ['product_id'],
  columns: [
    { name: 'product_id', type: 'text', value: (d) => d.productId },
    { name: 'review_count', type: 'integer', value: (d) => d.count, merge: 'add' },
    { name: 'rating_sum', type: 'bigint', value: (d) => d.sum, merge: 'add' },
    ...[1, 2, 3, 4, 5].map(star),
  ],
};

/** Reviews per product with their moderation state, and the rating stats of the approved ones. */
export const productReviewsProjection: SqlProjection = {
  name: 'product-reviews',
  version: 1,
  filter: { categories: [reviewStreamCategory] },
  tables: [REVIEWS, STATS],
  async createTables(db, t) {
    const table = t(REVIEWS);
    await sql`
      CREATE TABLE ${sql.id(table)} (
        review_id    text PRIMARY KEY,
        doc          jsonb NOT NULL,
        product_id   text NOT NULL,
        status       text NOT NULL,
        submitted_at timestamptz NOT NULL
      ) ${UPDATED_OFTEN}`.execute(db);
    await sql`
      CREATE INDEX ${sql.id(`${table}_product`)} ON ${sql.id(table)} (product_id, submitted_at DESC, review_id DESC)
      WHERE status = 'approved'`.execute(db);
    await sql`
      CREATE TABLE ${sql.id(t(STATS))} (
        product_id   text PRIMARY KEY,
        review_count integer NOT NULL,
        rating_sum   bigint NOT NULL,
        rating_1 integer NOT NULL, rating_2 integer NOT NULL, rating_3 integer NOT NULL,
        rating_4 integer NOT NULL, rating_5 integer NOT NULL
      ) ${UPDATED_OFTEN}`.execute(db);
  },
  async apply(trx, recorded, t) {
    const events = recorded.map((e) => domainEvent<ReviewEvent>(e));
    const keyOf = (e: ReviewEvent) => e.data.reviewId;
    const docs = await loadDocs<ReviewView>(trx, t(REVIEWS), 'review_id', keysToLoad(events, keyOf, (e) => e.type === 'ReviewSubmitted'));
    const changed = new Set<string>();
    const deltas = new Map<string, StatsDelta>();
    for (const event of events) {
      const key = keyOf(event);
      const before = docs.get(key);
      const after = evolveReviewView(before, event);
      if (after === undefined || after === before) continue;
      docs.set(key, after);
      changed.add(key);
      addDelta(deltas, after.productId, ratingContribution(before), ratingContribution(after));
    }
    await upsertRows(trx, t(REVIEWS), reviews, [...changed].map((key) => docs.get(key)!));
    await upsertRows(trx, t(STATS), stats, deltas.values());
  },
};

function addDelta(deltas: Map<string, StatsDelta>, productId: string, before: RatingContribution, after: RatingContribution): void {
  const delta = deltas.get(productId) ?? { productId, count: 0, sum: 0, stars: [0, 0, 0, 0, 0] };
  delta.count += after.count - before.count;
  delta.sum += after.sum - before.sum;
  delta.stars = delta.stars.map((n, i) => n + after.stars[i]! - before.stars[i]!);
  deltas.set(productId, delta);
}
