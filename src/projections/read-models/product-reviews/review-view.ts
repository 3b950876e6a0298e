import type { ReviewEvent } from '../../../domain/review/index.js';

/** A review with its moderation state; only approved ones are shown to shoppers. */
export interface ReviewView {
  readonly reviewId: string;
  readonly productId: string;
  readonly customerId: string;
  readonly rating: number;
  readonly title: string;
  readonly body: string;
  readonly verifiedPurchase: boolean;
  readonly status: 'pending' | 'approved' | 'rejected';
  readonly rejectionReason: string | null;
  readonly helpfulCount: number;
  readonly submittedAt: string;
  readonly updatedAt: string;
}

/** Events for a review never submitted are ignored, as the aggregate's `evolve` does. */
export function evolveReviewView(review: ReviewView | undefined, event: ReviewEvent): ReviewView | undefined {
  if (review === undefined) {
    if (event.type !== 'ReviewSubmitted') return undefined;
    const { at, ...submitted } = event.data;
    return { ...submitted, status: 'pending', rejectionReason: null, helpfulCount: 0, submittedAt: at, updatedAt: at };
  }
  const { at } = event.data;
  switch (event.type) {
    case 'ReviewSubmitted':
      return review;
    case 'ReviewEdited': {
      // An edit goes back to moderation: it leaves the public list until approved again.
      const { rating, title, body } = event.data;
      return { ...review, rating, title, body, status: 'pending', rejectionReason: null, updatedAt: at };
    }
    case 'ReviewApproved':
      return { ...review, status: 'approved', rejectionReason: null, updatedAt: at };
    case 'ReviewRejected':
      return { ...review, status: 'rejected', rejectionReason: event.data.reason, updatedAt: at };
    case 'ReviewMarkedHelpful':
      // The aggregate emits this once per customer, so counting events counts customers.
      return { ...review, helpfulCount: review.helpfulCount + 1 };
  }
}

/** What one review adds to its product's public rating stats (nothing unless approved). */
export interface RatingContribution {
  readonly count: number;
  readonly sum: number;
  readonly stars: readonly [number, number, number, number, number];
}

export function ratingContribution(review: ReviewView | undefined): RatingContribution {
  if (review?.status !== 'approved') return { count: 0, sum: 0, stars: [0, 0, 0, 0, 0] };
  const stars: [number, number, number, number, number] = [0, 0, 0, 0, 0];
  stars[review.rating - 1] = 1;
  return { count: 1, sum: review.rating, stars };
}
