import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlStores } from '../../../../test/support/stores.js';
import type { ReviewCommand } from '../../../domain/review/index.js';
import { adminActor, hours } from '../testing/commands.fixtures.js';
import { context, ok, openReadModelTestKit, type ReadModelTestKit } from '../testing/read-model-test-kit.js';
import { productReviewsProjection } from './product-reviews-projection.js';
import { getRatingStats, listProductReviews } from './product-reviews-queries.js';

describe.each(sqlStores)('product reviews on $name', ({ open }) => {
  let kit: ReadModelTestKit;
  const send = (command: ReviewCommand) => ok(kit.commands.review.send(command, context()));
  const submit = (reviewId: string, productId: string, customerId: string, rating: number, h: number) =>
    send({ type: 'SubmitReview', data: { reviewId, productId, customerId, rating, title: `${rating} stars`, body: 'text', verifiedPurchase: true, at: hours(h) } });
  const approve = (reviewId: string, h: number) =>
    send({ type: 'ModerateReview', data: { reviewId, actor: adminActor, verdict: { kind: 'approve' }, at: hours(h) } });
  const reject = (reviewId: string, h: number) =>
    send({ type: 'ModerateReview', data: { reviewId, actor: adminActor, verdict: { kind: 'reject', reason: 'spam' }, at: hours(h) } });

  beforeAll(async () => {
    kit = await openReadModelTestKit(open, [productReviewsProjection]);
  });
  afterAll(() => kit?.dispose());

  it('shows approved reviews only, with stats that follow edits and moderation', async () => {
    await submit('r-1', 'p-1', 'cust-1', 5, 1);
    await submit('r-2', 'p-1', 'cust-2', 4, 2);
    await submit('r-3', 'p-1', 'cust-3', 1, 3);
    await submit('r-4', 'p-1', 'cust-4', 2, 4);
    await approve('r-1', 5);
    await approve('r-2', 5);
    await approve('r-3', 5);
    await reject('r-4', 5);
    await send({ type: 'MarkReviewHelpful', data: { reviewId: 'r-1', customerId: 'cust-9', at: hours(6) } });
    // An edit takes r-3 out of the public list until it is approved again.
    await send({ type: 'EditReview', data: { reviewId: 'r-3', actor: { userId: 'cust-3', roles: ['customer'] }, rating: 3, at: hours(7) } });
    await kit.settle();

    const page = await listProductReviews(kit.db, 'p-1');
    expect(page.items.map((r) => r.reviewId)).toEqual(['r-2', 'r-1']);
    expect(page.items[1]).toEqual({
      reviewId: 'r-1',
      productId: 'p-1',
      customerId: 'cust-1',
      rating: 5,
      title: '5 stars',
      body: 'text',
      verifiedPurchase: true,
      helpfulCount: 1,
      submittedAt: hours(1),
      updatedAt: hours(5),
    });
    expect(page.stats).toEqual({ count: 2, average: 4.5, distribution: { 1: 0, 2: 0, 3: 0, 4: 1, 5: 1 } });

    await approve('r-3', 8);
    await reject('r-2', 8);
    await kit.settle();
    expect(await getRatingStats(kit.db, 'p-1')).toEqual({ count: 2, average: 4, distribution: { 1: 0, 2: 0, 3: 1, 4: 0, 5: 1 } });
    expect(await getRatingStats(kit.db, 'p-none')).toEqual({ count: 0, average: null, distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } });
  });

  it('pages through many reviews newest first', async () => {
    for (let i = 0; i < 5; i++) {
      await submit(`pg-${i}`, 'p-2', `cust-${i}`, 3, 10 + i);
      await approve(`pg-${i}`, 20);
    }
    await kit.settle();
    const first = await listProductReviews(kit.db, 'p-2', { limit: 3 });
    const second = await listProductReviews(kit.db, 'p-2', { limit: 3, cursor: first.nextCursor! });
    expect([...first.items, ...second.items].map((r) => r.reviewId)).toEqual(['pg-4', 'pg-3', 'pg-2', 'pg-1', 'pg-0']);
    expect(second.nextCursor).toBeNull();
  });
});
