import type { DemoPlan, ExpectedOutcome } from './demo-plan.js';
import { defaultDemoShopOptions, planDemoShop, type DemoShopOptions } from './plan-demo-shop.js';
import { seedAccounts } from './seed-accounts.js';
import { seedCategories, seedCoupon, seedProducts, seedStock } from './seed-catalog.js';
import { seedAbandonedCarts, seedFulfilment, seedOrders } from './seed-orders.js';
import { seedReviews, seedWishlists } from './seed-reviews.js';
import { silentProgress, type SeedProgress } from './seed-support.js';
import type { SeedTarget } from './seed-target.js';

export interface SeedPhaseReport {
  readonly name: string;
  /** What this run added; 0 on a re-run. */
  readonly added: number;
  readonly ms: number;
}

export interface SeedReport {
  readonly options: DemoShopOptions;
  readonly phases: readonly SeedPhaseReport[];
  /** True when the run appended nothing: the shop was there already. */
  readonly unchanged: boolean;
  readonly expected: ExpectedOutcome;
  readonly ms: number;
}

export interface SeedDemoShopOptions extends Partial<DemoShopOptions> {
  readonly progress?: SeedProgress;
}

/**
 * Seeds the demo shop into a running system through its command handlers only, so the events are
 * those real use produces: the checkout saga of `target`'s system must be running (it confirms or
 * rejects the orders). Idempotent: every id and command id is fixed by the plan, and every phase
 * sends only what the store lacks, so running it again appends nothing and an interrupted run
 * resumes where it stopped.
 */
export async function seedDemoShop(target: SeedTarget, options: SeedDemoShopOptions = {}): Promise<SeedReport> {
  const { progress = silentProgress, ...rest } = options;
  const chosen: DemoShopOptions = { ...defaultDemoShopOptions, ...rest };
  const started = performance.now();
  const plan: DemoPlan = planDemoShop(chosen);
  const main = plan.orders.filter((o) => o.wave === 'main');
  const late = plan.orders.filter((o) => o.wave === 'late');

  const phases: SeedPhaseReport[] = [];
  const phase = async (name: string, work: () => Promise<number | boolean>) => {
    const at = performance.now();
    const added = Number(await work());
    phases.push({ name, added, ms: Math.round(performance.now() - at) });
  };
  try {
    await phase('categories', () => seedCategories(target, plan, progress));
    await phase('accounts', () => seedAccounts(target, plan, progress));
    await phase('products', () => seedProducts(target, plan, progress));
    await phase('stock', () => seedStock(target, plan, progress));
    await phase('coupon', () => seedCoupon(target));
    await phase('orders', () => seedOrders(target, main, progress));
    await phase('fulfilment', () => seedFulfilment(target, main, progress));
    // After the main wave has taken the last units: these ask for sold-out SKUs and are rejected.
    await phase('sold-out orders', () => seedOrders(target, late, progress, 'sold-out orders'));
    await phase('open carts', () => seedAbandonedCarts(target, plan.abandonedCarts, progress));
    await phase('reviews', () => seedReviews(target, plan, progress));
    await phase('wishlists', () => seedWishlists(target, plan, progress));
  } finally {
    progress.done();
  }
  return {
    options: chosen,
    phases,
    unchanged: phases.every((p) => p.added === 0),
    expected: plan.expected,
    ms: Math.round(performance.now() - started),
  };
}
