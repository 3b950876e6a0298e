import { sql, type Kysely } from 'kysely';
import { decodeCursor, pageSize, toPage, type Page } from '../shared/pagination.js';
import { averageOf, toNumber } from '../shared/values.js';
import type { ReviewView } from './review-view.js';

export type { ReviewView } from './review-view.js';

/** A review as shoppers see it: approved, without moderation details. */
export type PublicReview = Omit<ReviewView, 'status' | 'rejectionReason'>;

export interface RatingStats {
  readonly count: number;
  /** Rounded to two decimals; null without approved reviews. */
  readonly average: number | null;
  /** How many approved reviews gave 1, 2, 3, 4 and 5 stars. */
  readonly distribution: { readonly 1: number; readonly 2: number; readonly 3: number; readonly 4: number; readonly 5: number };
}

export type ProductReviewsPage = Page<PublicReview> & { readonly stats: RatingStats };

interface StatsRow {
  review_count: number;
  rating_sum: number | string;
  rating_1: number;
  rating_2: number;
  rating_3: number;
  rating_4: number;
  rating_5: number;
}

export async function getRatingStats(db: Kysely<unknown>, productId: string): Promise<RatingStats> {
  const result = await sql<StatsRow>`SELECT * FROM product_review_stats WHERE product_id = ${productId}`.execute(db);
  const row = result.rows[0];
  const count = row?.review_count ?? 0;
  return {
    count,
    average: averageOf(toNumber(row?.rating_sum ?? 0), count),
    distribution: { 1: row?.rating_1 ?? 0, 2: row?.rating_2 ?? 0, 3: row?.rating_3 ?? 0, 4: row?.rating_4 ?? 0, 5: row?.rating_5 ?? 0 },
  };
}

/** The product's approved reviews, newest first, with its rating stats. */
export async function listProductReviews(
  db: Kysely<unknown>,
  productId: string,
  options: { limit?: number; cursor?: string } = {},
): Promise<ProductReviewsPage> {
  const size = pageSize(options.limit);
  const after = options.cursor === undefined ? undefined : decodeCursor(options.cursor, ['string', 'string']);
  // The cursor keeps the timestamp as Postgres prints it: exact to the microsecond, unlike a JS Date.
  const result = await sql<{ doc: ReviewView; submitted_key: string }>`
    SELECT doc, submitted_at::text AS submitted_key FROM product_reviews
    WHERE product_id = ${productId} AND status = 'approved'
      ${after ? sql`AND (submitted_at, review_id) < (${after[0]}::timestamptz, ${after[1]}::text)` : sql``}
    ORDER BY submitted_at DESC, review_id DESC
    LIMIT ${size + 1}`.execute(db);
  const page = toPage(
    result.rows,
    size,
    ({ doc }) => {
      const { status: _status, rejectionReason: _reason, ...shown } = doc;
      return shown;
    },
    (row) => [row.submitted_key, row.doc.reviewId],
  );
  return { ...page, stats: await getRatingStats(db, productId) };
}
