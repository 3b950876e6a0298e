import { assertNever } from '../shared/index.js';
import type { ReviewEvent } from './events.js';

export interface Review {
  /** Moderation status: new and edited reviews wait for an admin; only approved ones are published. */
  readonly status: 'pending' | 'approved' | 'rejected';
  readonly reviewId: string;
  readonly productId: string;
  readonly authorId: string;
  readonly rating: number;
  readonly title: string;
  readonly body: string;
  readonly verifiedPurchase: boolean;
  readonly rejectionReason: string | null;
  /**
   * Who found it helpful, to count each customer once. Copied per mark, which is fine at the
   * hundreds of marks a review gets; shared/persistent-map.ts is the fix should that change.
   */
  readonly helpfulBy: ReadonlySet<string>;
  readonly helpfulCount: number;
}

export type ReviewState = { readonly status: 'absent' } | Review;

export const initialState = (): ReviewState => ({ status: 'absent' });

/** Total: events that do not fit the state (never produced by `decide`) leave it unchanged. */
export function evolve(state: ReviewState, event: ReviewEvent): ReviewState {
  switch (event.type) {
    case 'ReviewSubmitted': {
      if (state.status !== 'absent') return state;
      const { reviewId, productId, customerId, rating, title, body, verifiedPurchase } = event.data;
      return {
        status: 'pending',
        reviewId,
        productId,
        authorId: customerId,
        rating,
        title,
        body,
        verifiedPurchase,
        rejectionReason: null,
        helpfulBy: new Set(),
        helpfulCount: 0,
      };
    }
    case 'ReviewEdited': {
      const { rating, title, body } = event.data;
      return whenSubmitted(state, (review) => ({ ...review, rating, title, body, status: 'pending', rejectionReason: null }));
    }
    case 'ReviewApproved':
      return whenSubmitted(state, (review) => ({ ...review, status: 'approved', rejectionReason: null }));
    case 'ReviewRejected': {
      const { reason } = event.data;
      return whenSubmitted(state, (review) => ({ ...review, status: 'rejected', rejectionReason: reason }));
    }
    case 'ReviewMarkedHelpful': {
      const { customerId } = event.data;
      return whenSubmitted(state, (review) => {
        if (review.helpfulBy.has(customerId)) return review;
        const helpfulBy = new Set(review.helpfulBy).add(customerId);
        return { ...review, helpfulBy, helpfulCount: helpfulBy.size };
      });
    }
    default:
      return assertNever(event);
  }
}

function whenSubmitted(state: ReviewState, update: (review: Review) => Review): ReviewState {
  return state.status === 'absent' ? state : update(state);
}
