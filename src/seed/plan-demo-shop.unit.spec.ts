import { describe, expect, it } from 'vitest';
import { createCategorySchema } from '../domain/category/index.js';
import { registerCustomerSchema } from '../domain/customer/index.js';
import { placeOrderSchema } from '../domain/order/index.js';
import { createProductSchema } from '../domain/product/index.js';
import { submitReviewSchema } from '../domain/review/index.js';
import { testTokens } from '../payments/test-cards.js';
import { demoCustomerId, demoLogins, demoProducts, demoSellerId } from './demo-logins.js';
import type { DemoPlan } from './demo-plan.js';
import { planCategories, planProduct } from './plan-catalog.js';
import { defaultDemoShopOptions, planDemoShop } from './plan-demo-shop.js';

const plan: DemoPlan = planDemoShop();

/** Units each SKU sells in orders that confirm. */
function confirmedDemand(p: DemoPlan): Map<string, number> {
  const sold = new Map<string, number>();
  for (const order of p.orders.filter((o) => o.outcome === 'CONFIRMED')) {
    for (const line of order.lines) sold.set(line.sku, (sold.get(line.sku) ?? 0) + line.quantity);
  }
  return sold;
}

describe('the demo shop plan', () => {
  it('is the same shop on every run: a pure function of the options', () => {
    expect(JSON.stringify(planDemoShop())).toBe(JSON.stringify(plan));
    expect(JSON.stringify(planDemoShop({ ...defaultDemoShopOptions, seed: 7 }))).not.toBe(JSON.stringify(plan));
  });

  it('keeps a product the same whatever the number of products', () => {
    const { leaves } = planCategories();
    const sellers = ['s0', 's1', 's2', 's3', 's4'];
    expect(planProduct(1, 41, leaves, sellers)).toEqual(planProduct(1, 41, leaves, sellers));
    const small = planDemoShop({ ...defaultDemoShopOptions, products: 50, orders: 60 });
    expect(small.products).toEqual(plan.products.slice(0, 50));
  });

  it('has a three-level tree of about 30 categories, parents first, with unique slugs', () => {
    expect(plan.categories.length).toBeGreaterThanOrEqual(28);
    expect(plan.categories.length).toBeLessThanOrEqual(40);
    const depth = new Map<string, number>();
    for (const category of plan.categories) {
      const parentDepth = category.parentId === null ? 0 : depth.get(category.parentId);
      expect(parentDepth, `${category.categoryId} comes after its parent`).toBeDefined();
      depth.set(category.categoryId, parentDepth! + 1);
      createCategorySchema.parse({ type: 'CreateCategory', data: category });
    }
    expect(new Set(depth.values())).toEqual(new Set([1, 2, 3]));
    expect(new Set(plan.categories.map((c) => c.slug)).size).toBe(plan.categories.length);
  });

  it('documents fixed products, SKUs and logins', () => {
    const headphones = plan.products.find((p) => p.productId === demoProducts.headphones)!;
    expect(headphones).toMatchObject({ title: 'Aurora Audio Wireless Noise-Cancelling Headphones', categoryId: 'cat-headphones' });
    expect(headphones.variants.map((v) => v.sku)).toEqual(['PRD-0001-BLK', 'PRD-0001-WHT', 'PRD-0001-NVY']);
    expect(plan.products.find((p) => p.productId === demoProducts.runningShoes)).toMatchObject({ sellerId: demoSellerId });
    const emails = plan.accounts.map((a) => a.email);
    expect(emails).toEqual(expect.arrayContaining([demoLogins.customer.email, demoLogins.seller.email, demoLogins.admin.email]));
    expect(new Set(emails).size).toBe(emails.length);
    expect(plan.accounts.find((a) => a.email === demoLogins.customer.email)?.customerId).toBe(demoCustomerId);
  });

  it('plans commands the domain schemas accept', () => {
    for (const account of plan.accounts) {
      const { email, name, roles } = account;
      registerCustomerSchema.shape.data.pick({ email: true, name: true, roles: true }).parse({ email, name, roles });
      expect(account.password.length).toBeGreaterThanOrEqual(8);
    }
    for (const product of plan.products) {
      createProductSchema.parse({ type: 'CreateProduct', data: { ...product, actor: { userId: product.sellerId, roles: ['seller'] } } });
    }
    for (const order of plan.orders) {
      placeOrderSchema.parse({
        type: 'PlaceOrder',
        data: { ...order, guestEmail: null, discount: { amount: 0, currency: 'USD' }, cardLast4: '4242', at: '2026-11-22T10:00:00.000Z' },
      });
    }
    for (const review of plan.reviews) submitReviewSchema.parse({ type: 'SubmitReview', data: { ...review, at: '2026-11-22T10:00:00.000Z' } });
  });

  it('has several hundred products with size and colour variants, and stock for every SKU', () => {
    expect(plan.products).toHaveLength(300);
    const skus = plan.products.flatMap((p) => p.variants.map((v) => v.sku));
    expect(new Set(skus).size).toBe(skus.length);
    expect(plan.stock.map((s) => s.sku)).toEqual(skus);
    expect(plan.products.some((p) => p.variants.some((v) => v.attributes['size'] && v.attributes['colour']))).toBe(true);
    expect(plan.products.every((p) => p.variants.every((v) => Number.isInteger(v.price.amount) && v.price.amount > 0))).toBe(true);
  });

  it('never lets two main-wave orders compete for the last unit, and leaves a few SKUs low and a few sold out', () => {
    const demand = new Map<string, number>();
    for (const order of plan.orders.filter((o) => o.wave === 'main')) {
      for (const line of order.lines) demand.set(line.sku, (demand.get(line.sku) ?? 0) + line.quantity);
    }
    const sold = confirmedDemand(plan);
    for (const stock of plan.stock) {
      expect(stock.receive, stock.sku).toBeGreaterThanOrEqual(demand.get(stock.sku) ?? 0);
      const left = stock.receive - (sold.get(stock.sku) ?? 0);
      if (stock.level === 'sold-out') expect(left, stock.sku).toBe(0);
      if (stock.level === 'low') expect(left, stock.sku).toBeLessThan(stock.lowStockThreshold);
      if (stock.level === 'normal') expect(left, stock.sku).toBeGreaterThanOrEqual(15);
    }
    const levels = plan.stock.map((s) => s.level);
    expect(levels.filter((l) => l === 'sold-out').length).toBeGreaterThanOrEqual(3);
    expect(levels.filter((l) => l === 'low').length).toBeGreaterThan(20);
    const late = plan.orders.filter((o) => o.wave === 'late');
    expect(late).toHaveLength(3);
    for (const order of late) expect(plan.stock.find((s) => s.sku === order.lines[0]!.sku)?.level).toBe('sold-out');
  });

  it('plans an order history with correlated baskets, declines and the demo customer’s orders', () => {
    const main = plan.orders.filter((o) => o.wave === 'main');
    expect(main).toHaveLength(400);
    expect(plan.orders.filter((o) => o.customerId === demoCustomerId).map((o) => o.fulfilment)).toEqual(['delivered', 'shipped', 'processing', 'confirmed']);
    expect(main.filter((o) => o.paymentToken === testTokens.decline).every((o) => o.outcome === 'REJECTED')).toBe(true);
    expect(plan.expected.rejectedOrders).toBeGreaterThan(3);
    const has = (productId: string) => (o: (typeof main)[number]) => o.lines.some((l) => l.productId === productId);
    const withHeadphones = main.filter(has(demoProducts.headphones));
    const without = main.filter((o) => !has(demoProducts.headphones)(o));
    expect(withHeadphones.length).toBeGreaterThan(10);
    // Lift: the charger is far likelier in a basket with the headphones than in any other.
    const rateWith = withHeadphones.filter(has(demoProducts.charger)).length / withHeadphones.length;
    const rateWithout = without.filter(has(demoProducts.charger)).length / without.length;
    expect(rateWith).toBeGreaterThan(0.25);
    expect(rateWith).toBeGreaterThan(5 * rateWithout);
  });

  it('marks reviews verified exactly where the author bought the product in a confirmed order', () => {
    const bought = new Set(plan.orders.filter((o) => o.outcome === 'CONFIRMED').flatMap((o) => o.lines.map((l) => `${o.customerId}/${l.productId}`)));
    expect(plan.reviews.length).toBeGreaterThan(100);
    for (const review of plan.reviews) expect(review.verifiedPurchase).toBe(bought.has(`${review.customerId}/${review.productId}`));
    expect(plan.reviews.some((r) => !r.verifiedPurchase)).toBe(true);
    expect(new Set(plan.reviews.map((r) => r.reviewId)).size).toBe(plan.reviews.length);
    expect(plan.expected.approvedReviews).toBe(plan.reviews.filter((r) => r.moderation === 'approve').length);
  });
});
