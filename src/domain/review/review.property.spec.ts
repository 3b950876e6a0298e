import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold, isDomainError } from '../shared/index.js';
import type { ReviewCommand, ReviewEvent, ReviewState } from './index.js';
import { reviewDecider } from './index.js';

const reviewId = '9d0e8c1a-1111-4b2c-8d3e-000000000001';
const productId = '9d0e8c1a-2222-4b2c-8d3e-000000000002';
const people = ['9d0e8c1a-3333-4b2c-8d3e-000000000003', '9d0e8c1a-4444-4b2c-8d3e-000000000004', '9d0e8c1a-5555-4b2c-8d3e-000000000005'];
const authorId = people[0] ?? '';
const at = '2025-04-01T09:00:00Z';

const person = fc.constantFrom(...people);
const command: fc.Arbitrary<ReviewCommand> = fc.oneof(
  fc.constant<ReviewCommand>({
    type: 'SubmitReview',
    data: { reviewId, productId, customerId: authorId, rating: 3, title: 'ok', body: '', verifiedPurchase: false, at },
  }),
  fc.tuple(person, fc.integer({ min: 1, max: 5 })).map(
    ([userId, rating]): ReviewCommand => ({ type: 'EditReview', data: { reviewId, actor: { userId, roles: ['customer'] }, rating, at } }),
  ),
  fc.tuple(fc.boolean(), fc.boolean()).map(
    ([isAdmin, approve]): ReviewCommand => ({
      type: 'ModerateReview',
      data: {
        reviewId,
        actor: { userId: people[2] ?? '', roles: isAdmin ? ['admin'] : ['customer'] },
        verdict: approve ? { kind: 'approve' } : { kind: 'reject', reason: 'off-topic' },
        at,
      },
    }),
  ),
  person.map((customerId): ReviewCommand => ({ type: 'MarkReviewHelpful', data: { reviewId, customerId, at } })),
);

describe('review helpfulness', () => {
  it('counts each other customer at most once, never the author, and only on published reviews', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 40 }), (commands) => {
        const history: ReviewEvent[] = [];
        let state: ReviewState = reviewDecider.initialState();
        for (const next of commands) {
          const decision = reviewDecider.decide(next, state);
          if (isDomainError(decision)) continue;
          for (const event of decision) {
            if (event.type === 'ReviewMarkedHelpful') expect(state.status).toBe('approved');
          }
          history.push(...decision);
          state = fold(reviewDecider.evolve, state, decision);
        }
        const markers = history.flatMap((event) => (event.type === 'ReviewMarkedHelpful' ? [event.data.customerId] : []));
        expect(new Set(markers).size).toBe(markers.length);
        expect(markers).not.toContain(authorId);
        if (state.status !== 'absent') expect(state.helpfulCount).toBe(markers.length);
      }),
    );
  });
});
