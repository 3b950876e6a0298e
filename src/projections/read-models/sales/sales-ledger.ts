import type { OrderEvent } from '../../../domain/order/index.js';
import type { ProductEvent } from '../../../domain/product/index.js';
import { utcDay } from '../shared/values.js';

/** What the sales read model keeps of an order to book, and later take back, its sale. */
export interface SalesOrder {
  readonly orderId: string;
  readonly currency: string;
  readonly lines: readonly { sku: string; productId: string; sellerId: string; quantity: number; unitAmount: number }[];
  /** The UTC day of OrderConfirmed: the day the sale, and anything taken back from it, is booked on. */
  readonly confirmedDay: string | null;
  readonly cancelled: boolean;
}

export interface DailySales {
  readonly sellerId: string;
  readonly day: string;
  readonly currency: string;
  orders: number;
  units: number;
  revenue: number;
}

export interface ProductSales {
  readonly productId: string;
  categoryId: string | null;
  currency: string | null;
  units: number;
  orders: number;
  revenue: number;
}

type Line = SalesOrder['lines'][number];

/**
 * Deltas of one page. Sales count from CONFIRMED orders; a cancellation takes the whole order back
 * and a received return its returned units, both from the day the sale was booked, so a day's
 * figures are the net of the orders confirmed that day. Revenue is the goods value of the lines
 * (unit price x quantity): coupon discounts, shipping and tax are the shop's, not the seller's.
 */
export class SalesLedger {
  readonly daily = new Map<string, DailySales>();
  readonly products = new Map<string, ProductSales>();

  product(productId: string): ProductSales {
    const existing = this.products.get(productId);
    if (existing) return existing;
    const created = { productId, categoryId: null, currency: null, units: 0, orders: 0, revenue: 0 };
    this.products.set(productId, created);
    return created;
  }

  /** `countsOrder`: the order itself is booked or taken back, not only some of its units. */
  book(order: SalesOrder, lines: readonly Line[], sign: 1 | -1, countsOrder: boolean): void {
    const day = order.confirmedDay;
    if (day === null) return;
    const sellers = new Set<string>();
    const products = new Set<string>();
    for (const line of lines) {
      const key = JSON.stringify([line.sellerId, day, order.currency]);
      const daily = this.daily.get(key) ?? { sellerId: line.sellerId, day, currency: order.currency, orders: 0, units: 0, revenue: 0 };
      daily.units += sign * line.quantity;
      daily.revenue += sign * line.quantity * line.unitAmount;
      if (countsOrder && !sellers.has(line.sellerId)) daily.orders += sign;
      sellers.add(line.sellerId);
      this.daily.set(key, daily);

      const product = this.product(line.productId);
      product.units += sign * line.quantity;
      product.revenue += sign * line.quantity * line.unitAmount;
      product.currency ??= order.currency;
      if (countsOrder && !products.has(line.productId)) product.orders += sign;
      products.add(line.productId);
    }
  }

  applyProduct(event: ProductEvent): void {
    if (event.type === 'ProductCreated') {
      const product = this.product(event.data.productId);
      product.categoryId = event.data.categoryId;
      product.currency = event.data.variants[0]?.price.currency ?? product.currency;
    } else if (event.type === 'ProductDetailsUpdated' && event.data.categoryId !== undefined) {
      this.product(event.data.productId).categoryId = event.data.categoryId;
    }
  }

  applyOrder(order: SalesOrder | undefined, event: OrderEvent): SalesOrder | undefined {
    if (event.type === 'OrderPlaced') {
      if (order !== undefined) return order;
      const { orderId, lines, pricing } = event.data;
      const kept = lines.map(({ sku, productId, sellerId, quantity, unitPrice }) => ({ sku, productId, sellerId, quantity, unitAmount: unitPrice.amount }));
      return { orderId, currency: pricing.total.currency, lines: kept, confirmedDay: null, cancelled: false };
    }
    if (order === undefined || order.cancelled) return order;
    switch (event.type) {
      case 'OrderConfirmed': {
        if (order.confirmedDay !== null) return order;
        const confirmed = { ...order, confirmedDay: utcDay(event.data.at) };
        this.book(confirmed, confirmed.lines, 1, true);
        return confirmed;
      }
      case 'OrderCancelled':
        this.book(order, order.lines, -1, true);
        return { ...order, cancelled: true };
      case 'ReturnReceived': {
        const returned = event.data.lines.flatMap(({ sku, quantity }) => order.lines.filter((l) => l.sku === sku).map((l) => ({ ...l, quantity })));
        this.book(order, returned, -1, false);
        return order;
      }
      default:
        return order;
    }
  }
}
