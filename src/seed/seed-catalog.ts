import { categoryStreamName } from '../domain/category/index.js';
import { couponStreamName } from '../domain/coupon/index.js';
import { inventoryStreamName } from '../domain/inventory/index.js';
import { productExists, productStreamName } from '../domain/product/index.js';
import type { Actor } from '../domain/shared/index.js';
import { demoCouponCode } from './demo-logins.js';
import type { DemoPlan, PlannedProduct, PlannedStock } from './demo-plan.js';
import { forEachLimited, mustSucceed, now, type SeedProgress } from './seed-support.js';
import type { SeedTarget } from './seed-target.js';

/*
 * The catalog phases. Each one first looks at what the store holds and sends only what is missing,
 * so a re-run appends nothing and an interrupted run resumes. Commands for one stream are sent in
 * one tick: group commit appends them together, so a product is never left created but unpublished.
 */

const CONCURRENCY = 16;

/** The whole tree is one stream: the missing categories, parents first, in one append. */
export async function seedCategories(target: SeedTarget, plan: DemoPlan, progress: SeedProgress): Promise<number> {
  progress.phase('categories', plan.categories.length);
  const { state } = await target.commands.category.read(categoryStreamName());
  const missing = plan.categories.filter((c) => !state.categories.has(c.categoryId));
  const results = await Promise.all(
    missing.map((category) => target.commands.category.send({ type: 'CreateCategory', data: category }, { commandId: `seed/category/${category.categoryId}` })),
  );
  results.forEach((result, i) => mustSucceed(result, `category ${missing[i]!.categoryId}`));
  progress.advance(plan.categories.length);
  return missing.length;
}

/** Each product created by its seller and published at once. */
export async function seedProducts(target: SeedTarget, plan: DemoPlan, progress: SeedProgress): Promise<number> {
  progress.phase('products', plan.products.length);
  let created = 0;
  await forEachLimited(plan.products, CONCURRENCY, async (product) => {
    const { state } = await target.commands.product.read(productStreamName(product.productId));
    if (!productExists(state)) {
      await createAndPublish(target, product);
      created++;
    }
    progress.advance();
  });
  return created;
}

async function createAndPublish(target: SeedTarget, product: PlannedProduct): Promise<void> {
  const actor: Actor = { userId: product.sellerId, roles: ['customer', 'seller'] };
  const { productId } = product;
  const context = (step: string) => ({ commandId: `seed/product/${productId}/${step}`, userId: product.sellerId });
  const [createdResult, published] = await Promise.all([
    target.commands.product.send(
      {
        type: 'CreateProduct',
        data: {
          actor,
          productId,
          sellerId: product.sellerId,
          title: product.title,
          description: product.description,
          brand: product.brand,
          categoryId: product.categoryId,
          imageUrls: [...product.imageUrls],
          attributes: { ...product.attributes },
          variants: product.variants.map((v) => ({ sku: v.sku, price: v.price, attributes: { ...v.attributes } })),
        },
      },
      context('create'),
    ),
    target.commands.product.send({ type: 'PublishProduct', data: { actor, productId } }, context('publish')),
  ]);
  mustSucceed(createdResult, `product ${productId}`);
  mustSucceed(published, `publishing ${productId}`);
}

/** Stock received into the main warehouse, with the low-stock threshold, for SKUs with no inventory yet. */
export async function seedStock(target: SeedTarget, plan: DemoPlan, progress: SeedProgress): Promise<number> {
  progress.phase('stock', plan.stock.length);
  let received = 0;
  await forEachLimited(plan.stock, CONCURRENCY, async (stock) => {
    const { revision } = await target.commands.inventory.read(inventoryStreamName(stock.sku));
    if (revision < 0n) {
      await receive(target, stock);
      received++;
    }
    progress.advance();
  });
  return received;
}

async function receive(target: SeedTarget, { sku, receive: quantity, lowStockThreshold }: PlannedStock): Promise<void> {
  const context = (step: string) => ({ commandId: `seed/inventory/${sku}/${step}` });
  const at = now();
  const results = await Promise.all([
    target.commands.inventory.send({ type: 'ReceiveStock', data: { sku, warehouseId: 'main', quantity, at } }, context('receive')),
    target.commands.inventory.send({ type: 'SetLowStockThreshold', data: { sku, threshold: lowStockThreshold, at } }, context('threshold')),
  ]);
  results.forEach((result) => mustSucceed(result, `stock for ${sku}`));
}

/** WELCOME10: 10% off, valid 2025-2035, for the README's coupon step and a few seeded orders. */
export async function seedCoupon(target: SeedTarget): Promise<boolean> {
  const { state } = await target.commands.coupon.read(couponStreamName(demoCouponCode));
  if (state.status !== 'absent') return false;
  const result = await target.commands.coupon.send(
    {
      type: 'DefineCoupon',
      data: {
        code: demoCouponCode,
        discount: { kind: 'percentage', basisPoints: 1000 },
        minimumOrder: null,
        validFrom: '2025-01-01T00:00:00.000Z',
        validUntil: '2035-01-01T00:00:00.000Z',
        totalUsageLimit: null,
        perCustomerLimit: null,
        at: now(),
      },
    },
    { commandId: `seed/coupon/${demoCouponCode}` },
  );
  mustSucceed(result, `coupon ${demoCouponCode}`);
  return true;
}
