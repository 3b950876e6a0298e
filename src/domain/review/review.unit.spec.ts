import { describe, expect, it } from 'vitest';
import { fold, isDomainError } from '../shared/index.js';
import type { Decision } from '../shared/index.js';
import type { ReviewActor, ReviewCommand, ReviewEvent, ReviewState } from './index.js';
import { reviewCommandSchema, reviewDecider, reviewStreamName } from './index.js';

const reviewId = '9d0e8c1a-1111-4b2c-8d3e-000000000001';
const productId = '9d0e8c1a-2222-4b2c-8d3e-000000000002';
const authorId = '9d0e8c1a-3333-4b2c-8d3e-000000000003';
const readerId = '9d0e8c1a-4444-4b2c-8d3e-000000000004';
const adminId = '9d0e8c1a-5555-4b2c-8d3e-000000000005';
const at = '2025-04-01T09:00:00Z';
const author: ReviewActor = { userId: authorId, roles: ['customer'] };
const admin: ReviewActor = { userId: adminId, roles: ['admin'] };

const submitData = { reviewId, productId, customerId: authorId, rating: 4, title: 'Solid', body: 'Does the job.', verifiedPurchase: true };
const submitted: ReviewEvent = { type: 'ReviewSubmitted', data: { ...submitData, at } };
const approved: ReviewEvent = { type: 'ReviewApproved', data: { reviewId, moderatorId: adminId, at } };
const rejected: ReviewEvent = { type: 'ReviewRejected', data: { reviewId, moderatorId: adminId, reason: 'spam', at } };
const markedBy = (customerId: string): ReviewEvent => ({ type: 'ReviewMarkedHelpful', data: { reviewId, customerId, at } });

const given = (...events: ReviewEvent[]): ReviewState => fold(reviewDecider.evolve, reviewDecider.initialState(), events);
const when = (state: ReviewState, command: ReviewCommand): Decision<ReviewEvent> => reviewDecider.decide(command, state);
const errorCode = (decision: Decision<ReviewEvent>): string | false => isDomainError(decision) && decision.code;

const submit = (data: Partial<typeof submitData> = {}): ReviewCommand => ({ type: 'SubmitReview', data: { ...submitData, ...data, at } });
const edit = (actor: ReviewActor, data: { rating?: number; title?: string; body?: string }): ReviewCommand => ({
  type: 'EditReview',
  data: { reviewId, actor, ...data, at },
});
const approve = (actor = admin): ReviewCommand => ({ type: 'ModerateReview', data: { reviewId, actor, verdict: { kind: 'approve' }, at } });
const reject = (reason = 'spam', actor = admin): ReviewCommand => ({
  type: 'ModerateReview',
  data: { reviewId, actor, verdict: { kind: 'reject', reason }, at },
});
const mark = (customerId: string): ReviewCommand => ({ type: 'MarkReviewHelpful', data: { reviewId, customerId, at } });

describe('review stream name', () => {
  it('is review-<reviewId>', () => {
    expect(reviewStreamName(reviewId)).toBe(`review-${reviewId}`);
  });
});

describe('SubmitReview', () => {
  it('submits a review pending moderation', () => {
    expect(when(given(), submit())).toEqual([submitted]);
    expect(given(submitted).status).toBe('pending');
  });

  it('accepts only whole ratings from 1 to 5 at the schema', () => {
    for (const rating of [0, 6, 3.5]) expect(reviewCommandSchema.safeParse(submit({ rating })).success).toBe(false);
    expect(reviewCommandSchema.safeParse(submit({ rating: 5 })).success).toBe(true);
  });

  it('is a no-op when the same review is submitted again', () => {
    expect(when(given(submitted), submit())).toEqual([]);
  });

  it('rejects a different review under the same id with REVIEW_ALREADY_EXISTS', () => {
    expect(errorCode(when(given(submitted), submit({ rating: 1 })))).toBe('REVIEW_ALREADY_EXISTS');
  });
});

describe('EditReview', () => {
  it('records the whole new text and sends the review back to moderation', () => {
    const decision = when(given(submitted, approved), edit(author, { rating: 5 }));
    expect(decision).toEqual([
      { type: 'ReviewEdited', data: { reviewId, rating: 5, title: 'Solid', body: 'Does the job.', at } },
    ]);
    const state = given(submitted, approved, ...(isDomainError(decision) ? [] : decision));
    expect(state.status === 'pending' && state.rating).toBe(5);
  });

  it('is a no-op when nothing changes', () => {
    expect(when(given(submitted), edit(author, { title: 'Solid' }))).toEqual([]);
  });

  it('needs something to edit at the schema', () => {
    expect(reviewCommandSchema.safeParse(edit(author, {})).success).toBe(false);
  });

  it('rejects anyone but the author with NOT_REVIEW_AUTHOR, admins included', () => {
    expect(errorCode(when(given(submitted), edit(admin, { rating: 1 })))).toBe('NOT_REVIEW_AUTHOR');
  });

  it('rejects an unknown review with REVIEW_NOT_FOUND', () => {
    expect(errorCode(when(given(), edit(author, { rating: 1 })))).toBe('REVIEW_NOT_FOUND');
  });
});

describe('ModerateReview', () => {
  it('approves', () => {
    expect(when(given(submitted), approve())).toEqual([approved]);
  });

  it('rejects with a reason', () => {
    expect(when(given(submitted), reject())).toEqual([rejected]);
    const state = given(submitted, rejected);
    expect(state.status === 'rejected' && state.rejectionReason).toBe('spam');
  });

  it('can reverse a rejection and take down an approved review', () => {
    expect(when(given(submitted, rejected), approve())).toEqual([approved]);
    expect(when(given(submitted, approved), reject())).toEqual([rejected]);
  });

  it('is a no-op when the same verdict is repeated', () => {
    expect(when(given(submitted, approved), approve())).toEqual([]);
    expect(when(given(submitted, rejected), reject())).toEqual([]);
  });

  it('rejects a non-admin with FORBIDDEN', () => {
    expect(errorCode(when(given(submitted), approve(author)))).toBe('FORBIDDEN');
  });

  it('rejects an unknown review with REVIEW_NOT_FOUND', () => {
    expect(errorCode(when(given(), approve()))).toBe('REVIEW_NOT_FOUND');
  });
});

describe('MarkReviewHelpful', () => {
  it('counts a customer once', () => {
    expect(when(given(submitted, approved), mark(readerId))).toEqual([markedBy(readerId)]);
    expect(when(given(submitted, approved, markedBy(readerId)), mark(readerId))).toEqual([]);
    const state = given(submitted, approved, markedBy(readerId), markedBy(readerId), markedBy(adminId));
    expect(state.status === 'approved' && state.helpfulCount).toBe(2);
  });

  it('rejects the author with CANNOT_MARK_OWN_REVIEW', () => {
    expect(errorCode(when(given(submitted, approved), mark(authorId)))).toBe('CANNOT_MARK_OWN_REVIEW');
  });

  it('rejects an unpublished review with REVIEW_NOT_APPROVED', () => {
    expect(errorCode(when(given(submitted), mark(readerId)))).toBe('REVIEW_NOT_APPROVED');
    expect(errorCode(when(given(submitted, rejected), mark(readerId)))).toBe('REVIEW_NOT_APPROVED');
  });

  it('rejects an unknown review with REVIEW_NOT_FOUND', () => {
    expect(errorCode(when(given(), mark(readerId)))).toBe('REVIEW_NOT_FOUND');
  });
});
