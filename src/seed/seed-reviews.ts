import { reviewStreamName } from '../domain/review/index.js';
import type { Actor } from '../domain/shared/index.js';
import { wishlistStreamName } from '../domain/wishlist/index.js';
import { demoCustomerId } from './demo-logins.js';
import type { DemoPlan } from './demo-plan.js';
import { forEachLimited, mustSucceed, now, type SeedProgress } from './seed-support.js';
import type { SeedTarget } from './seed-target.js';

const CONCURRENCY = 16;

/**
 * Reviews, submitted by their authors and moderated by the demo admin in the same append (a
 * pending one is left for the README's moderation step). Verified where the author bought the
 * product in a confirmed order.
 */
export async function seedReviews(target: SeedTarget, plan: DemoPlan, progress: SeedProgress): Promise<number> {
  progress.phase('reviews', plan.reviews.length);
  const admin = plan.accounts.find((a) => a.roles.includes('admin'));
  const moderator: Actor = { userId: admin?.customerId ?? 'system:seed', roles: ['admin'] };
  let submitted = 0;
  await forEachLimited(plan.reviews, CONCURRENCY, async (review) => {
    const { state } = await target.commands.review.read(reviewStreamName(review.reviewId));
    if (state.status === 'absent') {
      const { moderation, ...data } = review;
      const at = now();
      const context = (step: string) => ({ commandId: `seed/review/${review.reviewId}/${step}`, userId: review.customerId });
      const results = await Promise.all([
        target.commands.review.send({ type: 'SubmitReview', data: { ...data, at } }, context('submit')),
        ...(moderation === 'pending'
          ? []
          : [
              target.commands.review.send(
                {
                  type: 'ModerateReview',
                  data: { reviewId: review.reviewId, actor: moderator, verdict: moderation === 'approve' ? { kind: 'approve' } : { kind: 'reject', reason: 'off topic' }, at },
                },
                { ...context('moderate'), userId: moderator.userId },
              ),
            ]),
      ]);
      results.forEach((result) => mustSucceed(result, `review ${review.reviewId}`));
      submitted++;
    }
    progress.advance();
  });
  return submitted;
}

/**
 * Wishlist items; adding one that is there already records nothing (set semantics). The demo
 * customer's come last, after everything else: their wishlist existing is how a later start knows
 * the seed ran to the end (see isDemoSeedComplete).
 */
export async function seedWishlists(target: SeedTarget, plan: DemoPlan, progress: SeedProgress): Promise<number> {
  progress.phase('wishlists', plan.wishlists.length);
  const byCustomer = new Map<string, (typeof plan.wishlists)[number][]>();
  for (const wish of plan.wishlists) byCustomer.set(wish.customerId, [...(byCustomer.get(wish.customerId) ?? []), wish]);
  let added = 0;
  const fill = async ([customerId, wishes]: [string, (typeof plan.wishlists)[number][]]) => {
    const { state } = await target.commands.wishlist.read(wishlistStreamName(customerId));
    const missing = wishes.filter((w) => !state.productIds.includes(w.productId));
    const at = now();
    const results = await Promise.all(
      missing.map(({ productId }) =>
        target.commands.wishlist.send({ type: 'AddToWishlist', data: { customerId, productId, at } }, { commandId: `seed/wishlist/${customerId}/${productId}`, userId: customerId }),
      ),
    );
    results.forEach((result) => mustSucceed(result, `wishlist of ${customerId}`));
    added += missing.length;
    progress.advance(wishes.length);
  };
  const entries = [...byCustomer];
  await forEachLimited(entries.filter(([id]) => id !== demoCustomerId), CONCURRENCY, fill);
  for (const entry of entries.filter(([id]) => id === demoCustomerId)) await fill(entry);
  return added;
}
