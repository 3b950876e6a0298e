import type { Faker } from '@faker-js/faker';
import type { ShippingAddress, ShippingOption } from '../domain/order/index.js';
import { testTokens } from '../payments/test-cards.js';
import { demoCouponCode, demoProducts } from './demo-logins.js';
import type { Fulfilment, PlannedAccount, PlannedCart, PlannedLine, PlannedOrder, PlannedProduct } from './demo-plan.js';
import { fakerFor } from './plan-catalog.js';

/** The documented pairs: the second is bought with the first in most of its orders. */
const handWrittenPairs: readonly (readonly [string, string])[] = [
  [demoProducts.headphones, demoProducts.charger],
  [demoProducts.runningShoes, demoProducts.runningTee],
  [demoProducts.tent, demoProducts.backpack],
  [demoProducts.pourOver, demoProducts.grinder],
];

/** The demo customer's own history, one order per pair, each at a different stage. */
const demoCustomerOrders: readonly { products: readonly string[]; fulfilment: Fulfilment }[] = [
  { products: [demoProducts.headphones, demoProducts.charger], fulfilment: 'delivered' },
  { products: [demoProducts.runningShoes, demoProducts.runningTee], fulfilment: 'shipped' },
  { products: [demoProducts.tent], fulfilment: 'processing' },
  { products: [demoProducts.pourOver, demoProducts.grinder], fulfilment: 'confirmed' },
];

const countries = [['US', 0.7], ['GB', 0.1], ['DE', 0.1], ['FR', 0.05], ['NL', 0.05]] as const;
const shippingOptions = [['standard', 0.7], ['express', 0.25], ['next_day', 0.05]] as const;

export const orderIdOf = (n: number) => `ord-${String(n + 1).padStart(4, '0')}`;
export const cartIdOf = (n: number) => `crt-${String(n + 1).padStart(4, '0')}`;

function weighted<T>(faker: Faker, entries: readonly (readonly [T, number])[]): T {
  let roll = faker.number.float() * entries.reduce((sum, [, w]) => sum + w, 0);
  for (const [value, weight] of entries) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return entries.at(-1)![0];
}

/**
 * Who buys what: a popularity curve over the products (the documented anchors on top) and, for
 * about half the products, a partner bought with it in 40% of its orders (65% for the documented
 * pairs). That correlation is what "also bought" must find.
 */
export class Shoppers {
  private readonly popularity: (readonly [PlannedProduct, number])[];
  private readonly partners = new Map<string, PlannedProduct>();
  private readonly byId: Map<string, PlannedProduct>;

  constructor(
    readonly seed: number,
    products: readonly PlannedProduct[],
  ) {
    this.byId = new Map(products.map((p) => [p.productId, p]));
    const ranking = fakerFor(seed, 3).helpers.shuffle([...products]);
    const anchors = handWrittenPairs.map(([anchor]) => this.byId.get(anchor)).filter((p) => p !== undefined);
    const ranked = [...anchors, ...ranking.filter((p) => !anchors.includes(p))];
    this.popularity = ranked.map((p, rank) => [p, 1 / (rank + 2) ** 0.7] as const);
    for (const [anchor, partner] of handWrittenPairs) {
      const a = this.byId.get(anchor);
      const b = this.byId.get(partner);
      if (a && b) this.partners.set(a.productId, b);
    }
    const paired = new Set(handWrittenPairs.flat());
    products.forEach((product, i) => {
      if (paired.has(product.productId)) return;
      const faker = fakerFor(seed, 4, i);
      if (faker.number.float() >= 0.5) return;
      // A complement from another category (a case for the phone, socks for the shoes).
      const candidates = products.filter((p) => p.categoryId !== product.categoryId && !paired.has(p.productId));
      if (candidates.length > 0) this.partners.set(product.productId, faker.helpers.arrayElement(candidates));
    });
  }

  product(productId: string): PlannedProduct | undefined {
    return this.byId.get(productId);
  }

  line(faker: Faker, product: PlannedProduct): PlannedLine {
    const variant = faker.helpers.arrayElement(product.variants);
    const quantity = weighted(faker, [[1, 0.85], [2, 0.12], [3, 0.03]] as const);
    return { productId: product.productId, sellerId: product.sellerId, sku: variant.sku, quantity, unitPrice: variant.price };
  }

  basket(faker: Faker): PlannedLine[] {
    const anchor = weighted(faker, this.popularity);
    const chosen = [anchor];
    const partner = this.partners.get(anchor.productId);
    const together = handWrittenPairs.some(([a]) => a === anchor.productId) ? 0.65 : 0.4;
    if (partner && faker.number.float() < together) chosen.push(partner);
    if (faker.number.float() < 0.35) chosen.push(weighted(faker, this.popularity));
    if (faker.number.float() < 0.1) chosen.push(weighted(faker, this.popularity));
    const unique = [...new Map(chosen.map((p) => [p.productId, p])).values()];
    return unique.map((p) => this.line(faker, p));
  }

  address(faker: Faker, name: string, country?: string): { shippingAddress: ShippingAddress; shippingOption: ShippingOption } {
    return {
      shippingAddress: {
        name,
        line1: faker.location.streetAddress(),
        city: faker.location.city(),
        postalCode: faker.location.zipCode('#####'),
        country: country ?? weighted(faker, countries),
      },
      shippingOption: weighted(faker, shippingOptions),
    };
  }
}

/**
 * The main wave: `count` orders, the demo customer's four first. Declined cards (about 4%) end
 * REJECTED; cards that fail twice and then approve (2%) exercise the saga's retries.
 */
export function planMainOrders(shoppers: Shoppers, buyers: readonly PlannedAccount[], count: number): PlannedOrder[] {
  const orders: PlannedOrder[] = [];
  for (let n = 0; n < count; n++) {
    const faker = fakerFor(shoppers.seed, 5, n);
    const own = demoCustomerOrders[n];
    const buyer = own ? buyers[0]! : buyers[1 + faker.number.int({ max: buyers.length - 2 })]!;
    const lines = own
      ? own.products.map((id) => shoppers.product(id)).filter((p) => p !== undefined).map((p) => shoppers.line(faker, p))
      : shoppers.basket(faker);
    if (lines.length === 0) continue;
    const roll = faker.number.float();
    const paymentToken = own ? testTokens.approve : roll < 0.04 ? testTokens.decline : roll < 0.06 ? testTokens.failTwiceThenApprove : testTokens.approve;
    const outcome = paymentToken === testTokens.decline ? 'REJECTED' : 'CONFIRMED';
    const fulfilment: Fulfilment =
      own?.fulfilment ??
      weighted(faker, [['completed', 0.35], ['delivered', 0.25], ['shipped', 0.15], ['processing', 0.1], ['confirmed', 0.15]] as const);
    orders.push({
      orderId: orderIdOf(n),
      cartId: cartIdOf(n),
      customerId: buyer.customerId,
      lines,
      couponCode: !own && faker.number.float() < 0.06 ? demoCouponCode : null,
      // The demo customer lives in the US (no sales tax): the README's totals stay simple.
      ...shoppers.address(faker, buyer.name, own ? 'US' : undefined),
      paymentToken,
      wave: 'main',
      outcome,
      fulfilment,
    });
  }
  return orders;
}

/** After the main wave: shoppers who ask for what has just sold out. */
export function planLateOrders(shoppers: Shoppers, buyers: readonly PlannedAccount[], soldOut: readonly PlannedLine[], first: number): PlannedOrder[] {
  return soldOut.map((line, i) => {
    const faker = fakerFor(shoppers.seed, 8, i);
    const buyer = buyers[1 + faker.number.int({ max: buyers.length - 2 })]!;
    return {
      orderId: orderIdOf(first + i),
      cartId: cartIdOf(first + i),
      customerId: buyer.customerId,
      lines: [{ ...line, quantity: 1 }],
      couponCode: null,
      ...shoppers.address(faker, buyer.name),
      paymentToken: testTokens.approve,
      wave: 'late',
      outcome: 'REJECTED',
      fulfilment: 'confirmed',
    };
  });
}

/** Carts left with items in them: the carts read model and a returning shopper have something to show. */
export function planAbandonedCarts(shoppers: Shoppers, buyers: readonly PlannedAccount[], count: number): PlannedCart[] {
  return Array.from({ length: count }, (_, i) => {
    const faker = fakerFor(shoppers.seed, 10, i);
    const buyer = buyers[1 + faker.number.int({ max: buyers.length - 2 })]!;
    return { cartId: `crt-open-${String(i + 1).padStart(4, '0')}`, customerId: buyer.customerId, lines: shoppers.basket(faker) };
  });
}
