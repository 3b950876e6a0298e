import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { sql } from 'kysely';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerSeedCommands } from '../cli/register-seed-commands.js';
import { runCli } from '../cli/run-cli.js';
import { loadConfig, type Config } from '../config.js';
import { checkoutIds } from '../commands/checkout/checkout-ids.js';
import { orderStreamName } from '../domain/order/index.js';
import { paymentStreamName } from '../domain/payment/index.js';
import { testTokens } from '../payments/test-cards.js';
import { getInventory, getRatingStats, listCustomerOrders, listProductReviews } from '../projections/read-models/index.js';
import { createRecommendationQueries } from '../projections/recommendations/recommendations-queries.js';
import { startSystem, type System } from '../system.js';
import { demoCustomerId, demoLogins, demoProducts, demoSellerId } from './demo-logins.js';
import type { DemoPlan, Fulfilment } from './demo-plan.js';
import { ensureDemoShop, isEmptyShop } from './ensure-demo-shop.js';
import { planDemoShop, type DemoShopOptions } from './plan-demo-shop.js';
import { seedDemoShop, type SeedReport } from './seed-demo-shop.js';
import { seedTargetFor } from './seed-target.js';

// A smaller shop than the default (300 products, 400 orders) keeps the test quick on shared cores;
// `npm run seed` runs the default size (timings in the report of this change).
const options: DemoShopOptions = { products: 80, orders: 120, customers: 30, seed: 20_261_122 };
const statusOf: Record<Fulfilment, string> = { confirmed: 'CONFIRMED', processing: 'PROCESSING', shipped: 'SHIPPED', delivered: 'DELIVERED', completed: 'COMPLETED' };

/** Every read model caught up with everything written so far: read-your-writes, no sleeping. */
async function caughtUp(system: System): Promise<void> {
  const head = await system.store.headPosition();
  if (!head) return;
  const reached = await Promise.all(system.projections.map((p) => p.waitFor(head, 60_000)));
  expect(reached.every(Boolean)).toBe(true);
}

const countEvents = async (system: System) => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM events`.execute(system.db)).rows[0]!.n;

describe('the demo shop seeded into the system on PGlite', () => {
  let dataDir: string;
  let config: Config;
  let system: System;
  let report: SeedReport;
  const plan: DemoPlan = planDemoShop(options);
  const logger = pino({ level: 'silent' });

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'commerce-seed-'));
    config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    system = await startSystem(config, logger);
    expect(await isEmptyShop(system)).toBe(true);
    report = (await ensureDemoShop(system, config, logger, options))!;
    await caughtUp(system);
  });
  afterAll(async () => {
    await system?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('creates the planned catalog: categories, published products and stock for every SKU', async () => {
    expect(report.phases.find((p) => p.name === 'products')?.added).toBe(options.products);
    const created = await system.store.readAll({ filter: { eventTypes: ['CategoryCreated', 'ProductCreated', 'ProductPublished', 'StockReceived'] }, maxCount: 10_000 });
    const count = (type: string) => created.filter((e) => e.type === type).length;
    expect(count('CategoryCreated')).toBe(plan.categories.length);
    expect(count('ProductCreated')).toBe(options.products);
    expect(count('ProductPublished')).toBe(options.products);
    expect(count('StockReceived')).toBe(plan.expected.skus);
  });

  it('runs every order through the checkout saga to its planned outcome and stage', async () => {
    let confirmed = 0;
    for (const order of plan.orders) {
      const { state } = await system.commands.order.read(orderStreamName(order.orderId));
      if (order.outcome === 'REJECTED') {
        const reason = order.paymentToken === testTokens.decline ? 'PAYMENT_DECLINED' : 'OUT_OF_STOCK';
        expect(state, order.orderId).toMatchObject({ status: 'REJECTED', rejection: { reason } });
      } else {
        expect(state.status, order.orderId).toBe(statusOf[order.fulfilment]);
        confirmed++;
      }
    }
    expect(confirmed).toBe(plan.expected.confirmedOrders);
    expect(plan.orders.some((o) => o.wave === 'late')).toBe(true);
    // Shipping made the after-sale saga capture the payment; the seed waited for it.
    const shipped = plan.orders.find((o) => o.outcome === 'CONFIRMED' && o.fulfilment === 'delivered')!;
    expect((await system.commands.payment.read(paymentStreamName(checkoutIds.paymentId(shipped.orderId)))).state.status).toBe('CAPTURED');
    const mine = await listCustomerOrders(system.db, demoCustomerId);
    expect(mine.items.map((o) => o.status).sort()).toEqual(['CONFIRMED', 'DELIVERED', 'PROCESSING', 'SHIPPED']);
  });

  it('leaves each SKU with what was received minus what sold: a few low, a few sold out', async () => {
    const sold = new Map<string, number>();
    for (const order of plan.orders.filter((o) => o.outcome === 'CONFIRMED')) {
      for (const line of order.lines) sold.set(line.sku, (sold.get(line.sku) ?? 0) + line.quantity);
    }
    for (const stock of plan.stock) {
      const level = await getInventory(system.db, stock.sku);
      const left = stock.receive - (sold.get(stock.sku) ?? 0);
      expect(level, stock.sku).toMatchObject({ onHand: left, reserved: 0, available: left });
    }
    expect(plan.stock.some((s) => s.level === 'sold-out')).toBe(true);
  });

  it('publishes the approved reviews, verified where the author bought the product', async () => {
    let approved = 0;
    for (const product of plan.products) approved += (await getRatingStats(system.db, product.productId)).count;
    expect(approved).toBe(plan.expected.approvedReviews);
    const own = await listProductReviews(system.db, demoProducts.headphones);
    expect(own.items.find((r) => r.customerId === demoCustomerId)).toMatchObject({ verifiedPurchase: true });
  });

  it('recommends the partner a known product is bought with', async () => {
    const alsoBought = await createRecommendationQueries(system.db).alsoBought(demoProducts.headphones, 5);
    expect(alsoBought[0]).toMatchObject({ productId: demoProducts.charger, reason: 'also_bought' });
  });

  it('lets the documented demo accounts log in with their roles', async () => {
    expect(await system.customers.authenticate(demoLogins.customer.email, demoLogins.customer.password)).toMatchObject({ ok: true, customerId: demoCustomerId, roles: ['customer'] });
    expect(await system.customers.authenticate(demoLogins.seller.email, demoLogins.seller.password)).toMatchObject({ ok: true, customerId: demoSellerId, roles: ['customer', 'seller'] });
    expect(await system.customers.authenticate(demoLogins.admin.email, demoLogins.admin.password)).toMatchObject({ ok: true, roles: ['customer', 'admin'] });
  });

  it('changes nothing when seeded again, through the API or `commerce seed`', async () => {
    const before = await countEvents(system);
    const again = await seedDemoShop(seedTargetFor(system, config), options);
    expect(again.unchanged).toBe(true);
    expect(again.phases.every((p) => p.added === 0)).toBe(true);
    expect(await ensureDemoShop(system, config, logger, options)).toBeUndefined();

    const out: string[] = [];
    const program = new Command('commerce');
    registerSeedCommands(
      program,
      { config: () => config, logger: () => logger, out: (line) => out.push(line) },
      // The running system, not a second one on the same data directory; `stop` is the suite's.
      { startSystem: async () => ({ ...system, stop: async () => undefined }) },
    );
    const argv = ['seed', '--products', '80', '--orders', '120', '--customers', '30'];
    expect(await runCli(program, argv, { err: (line) => out.push(line) })).toBe(0);
    expect(out.join('\n')).toMatch(/^the demo shop is already there: nothing to add/);
    expect(await countEvents(system)).toBe(before);
  });
});
