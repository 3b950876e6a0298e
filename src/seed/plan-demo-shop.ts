import { testTokens } from '../payments/test-cards.js';
import { defaultDemoShopOptions, type DemoShopOptions } from './demo-shop-options.js';
import { demoProducts } from './demo-logins.js';
export { defaultDemoShopOptions, type DemoShopOptions } from './demo-shop-options.js';
import type { DemoPlan, PlannedLine, PlannedOrder, PlannedProduct, PlannedStock } from './demo-plan.js';
import { planAccounts } from './plan-accounts.js';
import { fakerFor, planCategories, planProduct } from './plan-catalog.js';
import { planAbandonedCarts, planLateOrders, planMainOrders, Shoppers } from './plan-orders.js';
import { planReviews, planWishlists } from './plan-reviews.js';

export const LOW_STOCK_THRESHOLD = 5;

/**
 * Stock per SKU from what the main wave will buy, so that no main-wave order competes for the last
 * unit (its outcome is its payment's, whatever the interleaving): most SKUs get plenty, about 8%
 * end low (1-4 left, under the threshold), and about 2% of those bought only with cards that
 * approve get exactly what sells (0 left: sold out).
 */
function planStock(seed: number, products: readonly PlannedProduct[], orders: readonly PlannedOrder[]): { stock: PlannedStock[]; soldOut: PlannedLine[] } {
  const demand = new Map<string, number>();
  const declined = new Set<string>();
  const lineOf = new Map<string, PlannedLine>();
  for (const order of orders) {
    for (const line of order.lines) {
      demand.set(line.sku, (demand.get(line.sku) ?? 0) + line.quantity);
      if (order.paymentToken === testTokens.decline) declined.add(line.sku);
      lineOf.set(line.sku, line);
    }
  }
  const documented = new Set<string>(Object.values(demoProducts));
  const stock: PlannedStock[] = [];
  const soldOut: PlannedLine[] = [];
  let n = 0;
  for (const product of products) {
    for (const { sku } of product.variants) {
      const faker = fakerFor(seed, 6, n++);
      const wanted = demand.get(sku) ?? 0;
      const roll = faker.number.float();
      const level =
        !documented.has(product.productId) && wanted > 0 && !declined.has(sku) && roll < 0.02 ? 'sold-out' : roll < 0.1 ? 'low' : 'normal';
      const receive =
        level === 'sold-out' ? wanted : level === 'low' ? wanted + faker.number.int({ min: 1, max: LOW_STOCK_THRESHOLD - 1 }) : wanted + faker.number.int({ min: 15, max: 150 });
      stock.push({ sku, receive, lowStockThreshold: LOW_STOCK_THRESHOLD, level });
      if (level === 'sold-out') soldOut.push(lineOf.get(sku)!);
    }
  }
  return { stock, soldOut };
}

/** The whole demo shop as data: a pure function of the options (no clock, no randomness besides the seed). */
export function planDemoShop(options: DemoShopOptions = defaultDemoShopOptions): DemoPlan {
  const { seed } = options;
  const { categories, leaves } = planCategories();
  const accounts = planAccounts(seed, Math.max(1, options.customers));
  const sellerIds = accounts.sellers.map((s) => s.customerId);
  const products = Array.from({ length: options.products }, (_, i) => planProduct(seed, i, leaves, sellerIds));
  const shoppers = new Shoppers(seed, products);
  const main = products.length > 0 ? planMainOrders(shoppers, accounts.shoppers, options.orders) : [];
  const { stock, soldOut } = planStock(seed, products, main);
  const late = planLateOrders(shoppers, accounts.shoppers, soldOut.slice(0, 3), main.length);
  const orders = [...main, ...late];
  const reviews = planReviews(seed, products, orders, accounts.shoppers);
  return {
    categories,
    accounts: accounts.all,
    products,
    stock,
    orders,
    abandonedCarts: products.length > 0 ? planAbandonedCarts(shoppers, accounts.shoppers, Math.ceil(options.orders / 10)) : [],
    reviews,
    wishlists: planWishlists(seed, products, accounts.shoppers),
    expected: {
      confirmedOrders: orders.filter((o) => o.outcome === 'CONFIRMED').length,
      rejectedOrders: orders.filter((o) => o.outcome === 'REJECTED').length,
      approvedReviews: reviews.filter((r) => r.moderation === 'approve').length,
      skus: stock.length,
    },
  };
}
