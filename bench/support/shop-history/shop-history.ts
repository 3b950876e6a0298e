import { addVariant, createProduct, editDetails, launchCatalog, repriceSomething, reshapeCategories, runPromotion, withdrawProduct } from './catalog-flows.js';
import { launchCoupons, runCampaign } from './coupon-flows.js';
import { registerCustomer, unverifiedReview, updateAccount, wish } from './customer-flows.js';
import type { GeneratedEvent } from './event-log.js';
import { adjustStock, setThreshold } from './inventory-flows.js';
import { DAY, HOUR, Shop, shopSize } from './shop.js';
import { shoppingSession } from './shopping-flows.js';

export type { GeneratedEvent } from './event-log.js';

export interface ShopHistoryOptions {
  /** Stops after the command that reaches this many events (a command's events are never split). */
  readonly events: number;
  readonly seed?: number;
  /** Events per yielded chunk (about: a command is never split). */
  readonly chunk?: number;
}

export interface ShopHistorySummary {
  readonly events: number;
  readonly days: number;
  readonly streams: number;
  readonly byCategory: Record<string, number>;
  readonly byType: Record<string, number>;
}

/** Traffic peaks in the afternoon and is lowest at night (UTC): 0.5× to 1.5× the mean rate. */
const diurnal = (now: number) => 0.5 + Math.sin((Math.PI * (now % DAY)) / DAY) ** 2;

/** A Poisson process of `perDay` occurrences a day (following the daily curve), from `from` on. */
function every(shop: Shop, perDay: number, action: () => void, from = shop.now): void {
  if (perDay <= 0) return;
  const next = (): void => {
    shop.clock.after(shop.random.exp(DAY / perDay) / diurnal(shop.now), () => {
      action();
      next();
    });
  };
  shop.clock.at(from, next);
}

function stocktaking(shop: Shop): void {
  const product = shop.random.pick(shop.products);
  const sku = shop.random.pick(product.skus);
  const [reason, delta] = shop.random.weighted([
    [['count_correction', shop.random.pick([-3, -2, -1, 1, 2, 3])], 6],
    [['damaged', -1], 2],
    [['lost', -1], 1],
    [['found', 1], 1],
  ] as const);
  adjustStock(shop, sku, delta, reason);
}

/** Starts the shop: opening day (catalog, coupons, the first customers), then every kind of traffic. */
function openShop(shop: Shop): void {
  const { size } = shop;
  launchCatalog(shop);
  launchCoupons(shop);
  for (let i = 0; i < size.launchCustomers; i++) shop.clock.after(shop.random.int(0, 2 * DAY), () => registerCustomer(shop));
  const sessions = size.sessionsPerDay;
  const open = shop.now + 6 * HOUR;
  every(shop, sessions, () => shoppingSession(shop), open);
  every(shop, size.registrationsPerDay, () => registerCustomer(shop), open);
  every(shop, size.productsPerDay, () => createProduct(shop), open);
  every(shop, sessions * 0.05, () => repriceSomething(shop), open);
  every(shop, 1 / 7, () => runPromotion(shop), open);
  every(shop, 1 / 5, () => runCampaign(shop), open);
  every(shop, sessions * 0.012, () => editDetails(shop), open);
  every(shop, sessions * 0.004, () => addVariant(shop), open);
  every(shop, sessions * 0.003, () => withdrawProduct(shop), open);
  every(shop, 0.3, () => reshapeCategories(shop), open);
  every(shop, sessions * 0.03, () => stocktaking(shop), open);
  every(shop, sessions * 0.004, () => {
    const product = shop.random.pick(shop.products);
    setThreshold(shop, shop.random.pick(product.skus), shop.random.int(0, 20));
  }, open);
  every(shop, sessions * 0.3, () => wish(shop), open);
  every(shop, sessions * 0.03, () => updateAccount(shop), open);
  every(shop, sessions * 0.005, () => unverifiedReview(shop), open);
}

/**
 * A shop's event log, generated: categories, products and variants with price changes and promotions,
 * stock received, adjusted, reserved, committed, released and expired, carts, orders through their
 * whole life (some rejected, cancelled, returned and refunded), payments, customers, coupons, reviews
 * with helpful votes and wishlists — interleaved in time as a live shop writes them. Event data follow
 * the domain's event schemas (checked by shop-history.unit.spec.ts); yields chunks of appended events.
 */
export function* shopHistory(options: ShopHistoryOptions, summary?: (s: ShopHistorySummary) => void): Generator<GeneratedEvent[]> {
  const shop = new Shop(shopSize(options.events), options.seed ?? 20_261_101);
  const chunk = options.chunk ?? 5_000;
  const tally = new Tally();
  let left = options.events;
  openShop(shop);
  while (left > 0 && shop.clock.step()) {
    if (shop.log.buffer.length < chunk && shop.log.buffer.length < left) continue;
    // Exactly the count asked for: the last command may lose its tail, like a log read mid-append.
    const events = shop.log.take().slice(0, left);
    left -= events.length;
    tally.add(events);
    yield events;
  }
  summary?.(tally.summary(Math.round(((shop.now - shop.start) / DAY) * 10) / 10));
}

class Tally {
  readonly #types = new Map<string, number>();
  readonly #categories = new Map<string, number>();
  readonly #streams = new Set<string>();
  #events = 0;

  add(events: readonly GeneratedEvent[]): void {
    for (const e of events) {
      this.#types.set(e.type, (this.#types.get(e.type) ?? 0) + 1);
      this.#categories.set(e.category, (this.#categories.get(e.category) ?? 0) + 1);
      this.#streams.add(e.streamName);
    }
    this.#events += events.length;
  }

  summary(days: number): ShopHistorySummary {
    const sorted = (counts: Map<string, number>) => Object.fromEntries([...counts].sort(([, a], [, b]) => b - a));
    return { events: this.#events, days, streams: this.#streams.size, byCategory: sorted(this.#categories), byType: sorted(this.#types) };
  }
}
