import type { CouponDiscount } from '../../../src/domain/coupon/index.js';
import type { ShippingAddress } from '../../../src/domain/order/index.js';
import { EventLog, type Command } from './event-log.js';
import { Random } from './random.js';
import { Scheduler } from './scheduler.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const iso = (ms: number): string => new Date(ms).toISOString();

export interface Sku {
  readonly sku: string;
  readonly product: Product;
  price: number;
  onHand: number;
  reserved: number;
  threshold: number;
  /** A purchase order is on its way: no second one until it arrives. */
  restocking: boolean;
  soldSinceRestock: number;
}

export type ProductStatus = 'draft' | 'published' | 'unpublished' | 'discontinued';

export interface Product {
  readonly productId: string;
  readonly sellerId: string;
  categoryId: string;
  readonly currency: string;
  readonly skus: Sku[];
  status: ProductStatus;
}

export interface Customer {
  readonly customerId: string;
  readonly country: string;
  readonly currency: string;
  readonly address: ShippingAddress;
  addresses: number;
  readonly wishlist: Set<string>;
  /** Products reviewed: one review per customer and product. */
  readonly reviewed: Set<string>;
}

export interface Coupon {
  readonly code: string;
  readonly discount: CouponDiscount;
  readonly minimumOrder: { amount: number; currency: string } | null;
  readonly validFrom: number;
  readonly validUntil: number;
  readonly totalUsageLimit: number | null;
  readonly perCustomerLimit: number | null;
  uses: number;
  readonly usesBy: Map<string, number>;
  disabled: boolean;
}

export interface Category {
  readonly categoryId: string;
  name: string;
  parentId: string | null;
}

/** Sizes scale with the number of events asked for, so the mix is the same at every scale. */
export interface ShopSize {
  readonly days: number;
  readonly sellers: number;
  readonly launchProducts: number;
  readonly productsPerDay: number;
  readonly launchCustomers: number;
  readonly registrationsPerDay: number;
  readonly sessionsPerDay: number;
}

/** Events per shopping session, all flows included (measured): sets the session rate for `days`. */
const EVENTS_PER_SESSION = 14;

export function shopSize(events: number, days = 60): ShopSize {
  return {
    days,
    sellers: Math.max(8, Math.round(events / 5_000)),
    launchProducts: Math.max(60, Math.round(events / 70)),
    productsPerDay: events / days / 250,
    launchCustomers: Math.max(20, Math.round(events / 200)),
    registrationsPerDay: events / days / 70,
    sessionsPerDay: events / days / EVENTS_PER_SESSION,
  };
}

export const COUNTRIES: readonly (readonly [string, string, number])[] = [
  ['US', 'USD', 55],
  ['DE', 'EUR', 15],
  ['GB', 'GBP', 12],
  ['FR', 'EUR', 10],
  ['NL', 'EUR', 8],
];

/** Everything the flows share: randomness, the clock, the log and the state of the shop. */
export class Shop {
  readonly random: Random;
  readonly log = new EventLog();
  readonly clock = new Scheduler();
  readonly categories: Category[] = [];
  readonly leafCategories: Category[] = [];
  readonly sellers: string[] = [];
  readonly brands: string[] = [];
  readonly products: Product[] = [];
  /** Per currency, in popularity order (rank 0 sells most): new products land at random ranks. */
  readonly shelves = new Map<string, Product[]>();
  readonly customers: Customer[] = [];
  readonly coupons: Coupon[] = [];
  #skuSeq = 0;
  #emailSeq = 0;

  constructor(
    readonly size: ShopSize,
    seed: number,
    readonly start = Date.parse('2026-09-01T00:00:00.000Z'),
  ) {
    this.random = new Random(seed);
    this.clock.now = start;
  }

  get now(): number {
    return this.clock.now;
  }

  append(streamName: string, events: readonly { readonly type: string; readonly data: Record<string, unknown> }[], commandType: string, correlationId: string, at = this.now): void {
    const command: Command = { at, commandType, correlationId };
    this.log.append(streamName, events, command);
  }

  nextSku(): string {
    return `SKU-${(++this.#skuSeq).toString(36).toUpperCase().padStart(5, '0')}`;
  }

  nextEmail(): string {
    return `shopper${++this.#emailSeq}@example.com`;
  }

  shelf(currency: string): Product[] {
    let shelf = this.shelves.get(currency);
    if (!shelf) this.shelves.set(currency, (shelf = []));
    return shelf;
  }

  /** A product on sale in `currency`, popular ones far more often; undefined if none found quickly. */
  popularProduct(currency: string): Product | undefined {
    const shelf = this.shelf(currency);
    for (let tries = 0; tries < 6 && shelf.length > 0; tries++) {
      const product = shelf[this.random.powerIndex(shelf.length, 0.8)]!;
      if (product.status === 'published') return product;
    }
    return undefined;
  }

  /** Repeat buyers: early customers come back more often than the newest. */
  someCustomer(): Customer | undefined {
    if (this.customers.length === 0) return undefined;
    return this.customers[this.random.powerIndex(this.customers.length, 0.3)];
  }

  country(): readonly [string, string] {
    const [country, currency] = this.random.weighted(COUNTRIES.map((c) => [c, c[2]] as const));
    return [country, currency];
  }
}
