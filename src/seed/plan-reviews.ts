import { uuidFromName } from '../commands/event-ids.js';
import { demoProducts } from './demo-logins.js';
import type { PlannedAccount, PlannedOrder, PlannedProduct, PlannedReview, PlannedWish } from './demo-plan.js';
import { fakerFor } from './plan-catalog.js';

/** One review per customer and product, as the review aggregate asks (a UUIDv5 of the pair). */
export const reviewIdOf = (productId: string, customerId: string) => uuidFromName(`review/${productId}/${customerId}`);

const titles: Readonly<Record<number, readonly string[]>> = {
  1: ['Disappointed', 'Would not buy again', 'Broke within a week'],
  2: ['Not great', 'Below expectations', 'Meh'],
  3: ['Does the job', 'Okay for the price', 'Average'],
  4: ['Very good', 'Happy with it', 'Solid choice'],
  5: ['Love it!', 'Exceeded expectations', 'Worth every cent', 'Perfect'],
};

const bodies: Readonly<Record<number, readonly string[]>> = {
  1: ['The quality is poor and it did not match the description.', 'Stopped working almost immediately; returning it.'],
  2: ['It works, but the finish feels cheap.', 'Sizing runs off and the material is thin.'],
  3: ['Fine for everyday use, nothing special.', 'Does what it says. Delivery took a while.'],
  4: ['Good quality and fast delivery. Would recommend.', 'Comfortable and well made; one small flaw.'],
  5: ['Fantastic quality, I use it every day.', 'Exactly as described and arrived quickly. Buying another one.', 'Best purchase this year.'],
};

/**
 * Reviews: about a third of what confirmed orders bought is reviewed by its buyer (a verified
 * purchase), plus a few unverified ones. Each product has a quality its ratings scatter around;
 * the documented products are well liked. Most reviews are approved, a few rejected or pending.
 */
export function planReviews(seed: number, products: readonly PlannedProduct[], orders: readonly PlannedOrder[], shoppers: readonly PlannedAccount[]): PlannedReview[] {
  const index = new Map(products.map((p, i) => [p.productId, i]));
  const documented = new Set<string>(Object.values(demoProducts));
  const quality = (productId: string) => (documented.has(productId) ? 4.6 : 2.6 + 2.4 * fakerFor(seed, 7, index.get(productId) ?? 0).number.float());
  const reviews = new Map<string, PlannedReview>();
  const bought = new Set<string>();

  const review = (n: number, productId: string, customerId: string, verifiedPurchase: boolean, moderated: boolean) => {
    const reviewId = reviewIdOf(productId, customerId);
    if (reviews.has(reviewId)) return;
    const faker = fakerFor(seed, 11, n);
    const rating = Math.min(5, Math.max(1, Math.round(quality(productId) + (faker.number.float() - 0.5) * 2.5)));
    const roll = faker.number.float();
    reviews.set(reviewId, {
      reviewId,
      productId,
      customerId,
      rating,
      title: faker.helpers.arrayElement(titles[rating]!),
      body: faker.helpers.arrayElement(bodies[rating]!),
      verifiedPurchase,
      moderation: moderated || roll < 0.93 ? 'approve' : roll < 0.97 ? 'reject' : 'pending',
    });
  };

  const demoCustomerId = shoppers[0]?.customerId;
  let n = 0;
  for (const order of orders) {
    if (order.outcome !== 'CONFIRMED') continue;
    for (const line of order.lines) {
      bought.add(`${order.customerId}/${line.productId}`);
      const own = order.customerId === demoCustomerId;
      // The demo customer reviewed the first thing they bought, so /me shows a review.
      const writes = own ? order === orders[0] && line === order.lines[0] : fakerFor(seed, 12, n).number.float() < 0.3;
      if (writes) review(n, line.productId, order.customerId, true, own);
      n++;
    }
  }
  const unverified = Math.floor(reviews.size / 10);
  for (let i = 0; i < unverified; i++) {
    const faker = fakerFor(seed, 13, i);
    const customer = faker.helpers.arrayElement(shoppers.slice(1));
    const product = faker.helpers.arrayElement(products);
    if (!bought.has(`${customer.customerId}/${product.productId}`)) review(n + i, product.productId, customer.customerId, false, false);
  }
  return [...reviews.values()];
}

/** The demo customer wants the pairs' partners they did not buy; some shoppers want a few things. */
export function planWishlists(seed: number, products: readonly PlannedProduct[], shoppers: readonly PlannedAccount[]): PlannedWish[] {
  const wishes: PlannedWish[] = [];
  const [demo, ...others] = shoppers;
  if (demo) {
    for (const productId of [demoProducts.backpack, products[8]?.productId, products[9]?.productId]) {
      if (productId && products.some((p) => p.productId === productId)) wishes.push({ customerId: demo.customerId, productId });
    }
  }
  others.forEach((shopper, i) => {
    const faker = fakerFor(seed, 14, i);
    if (faker.number.float() >= 0.15) return;
    for (const product of faker.helpers.arrayElements(products, { min: 1, max: 3 })) wishes.push({ customerId: shopper.customerId, productId: product.productId });
  });
  return wishes;
}
