import { assertNever, isAdmin } from '../shared/index.js';
import type { Decision } from '../shared/index.js';
import type { EditReview, MarkReviewHelpful, ModerateReview, ReviewCommand, SubmitReview } from './commands.js';
import { reviewError } from './errors.js';
import type { ReviewEvent } from './events.js';
import type { Review, ReviewState } from './state.js';

export function decide(command: ReviewCommand, state: ReviewState): Decision<ReviewEvent> {
  if (command.type === 'SubmitReview') return submit(command, state);
  if (state.status === 'absent') {
    return reviewError('REVIEW_NOT_FOUND', 'no such review', { reviewId: command.data.reviewId });
  }
  switch (command.type) {
    case 'EditReview':
      return edit(command, state);
    case 'ModerateReview':
      return moderate(command, state);
    case 'MarkReviewHelpful':
      return markHelpful(command, state);
    default:
      return assertNever(command);
  }
}

function submit(command: SubmitReview, state: ReviewState): Decision<ReviewEvent> {
  const { at, ...review } = command.data;
  if (state.status !== 'absent') {
    const same =
      state.productId === review.productId &&
      state.authorId === review.customerId &&
      state.rating === review.rating &&
      state.title === review.title &&
      state.body === review.body &&
      state.verifiedPurchase === review.verifiedPurchase;
    return same ? [] : reviewError('REVIEW_ALREADY_EXISTS', 'a review with this id already exists', { reviewId: review.reviewId });
  }
  return [{ type: 'ReviewSubmitted', data: { ...review, at } }];
}

function edit(command: EditReview, review: Review): Decision<ReviewEvent> {
  const { actor, at } = command.data;
  if (actor.userId !== review.authorId) {
    return reviewError('NOT_REVIEW_AUTHOR', 'only the author may edit a review', { reviewId: review.reviewId });
  }
  const rating = command.data.rating ?? review.rating;
  const title = command.data.title ?? review.title;
  const body = command.data.body ?? review.body;
  if (rating === review.rating && title === review.title && body === review.body) return [];
  return [{ type: 'ReviewEdited', data: { reviewId: review.reviewId, rating, title, body, at } }];
}

function moderate(command: ModerateReview, review: Review): Decision<ReviewEvent> {
  const { actor, verdict, at } = command.data;
  if (!isAdmin(actor)) return reviewError('FORBIDDEN', 'only an admin may moderate reviews', { userId: actor.userId });
  const { reviewId } = review;
  switch (verdict.kind) {
    case 'approve':
      // Also from 'rejected': an admin may reverse a rejection, and take down an approved review.
      if (review.status === 'approved') return [];
      return [{ type: 'ReviewApproved', data: { reviewId, moderatorId: actor.userId, at } }];
    case 'reject':
      if (review.status === 'rejected' && review.rejectionReason === verdict.reason) return [];
      return [{ type: 'ReviewRejected', data: { reviewId, moderatorId: actor.userId, reason: verdict.reason, at } }];
    default:
      return assertNever(verdict);
  }
}

function markHelpful(command: MarkReviewHelpful, review: Review): Decision<ReviewEvent> {
  const { customerId, at } = command.data;
  if (customerId === review.authorId) {
    return reviewError('CANNOT_MARK_OWN_REVIEW', 'authors cannot mark their own review helpful', { reviewId: review.reviewId });
  }
  // Before the approval check: a mark already counted stays a no-op even if the review was since edited.
  if (review.helpfulBy.has(customerId)) return [];
  if (review.status !== 'approved') {
    return reviewError('REVIEW_NOT_APPROVED', 'only published reviews can be marked helpful', { reviewId: review.reviewId });
  }
  return [{ type: 'ReviewMarkedHelpful', data: { reviewId: review.reviewId, customerId, at } }];
}
