import type { OrderEvent } from '../../domain/order/index.js';
import type { ProductEvent } from '../../domain/product/index.js';
import type { RecordedEvent } from '../../eventstore/types.js';

/** What a placed order contributes once confirmed: its distinct products and its buyer. */
export interface OrderBasket {
  readonly orderId: string;
  /** Null for guest checkouts: they count for products and pairs, not for anyone's history. */
  readonly customerId: string | null;
  readonly productIds: readonly string[];
}

/** A product's catalog facts as changed by this page; an absent field did not change. */
export interface ProductChange {
  categoryId?: string;
  /** Not on sale (draft, unpublished, discontinued): never recommended. */
  hidden?: boolean;
}

/** One page of events folded in memory, so that the writes become a few multi-row statements. */
export interface RecommendationBatch {
  /** Placed in this page and still open at its end: they wait in the pending table. */
  readonly placed: Map<string, OrderBasket>;
  /** Placed and confirmed within this page: counted without touching the pending table. */
  readonly confirmed: OrderBasket[];
  /** Confirmed here but placed in an earlier page: their baskets come out of the pending table. */
  readonly confirmedEarlier: string[];
  /** Rejected or cancelled before confirmation, placed in an earlier page: dropped uncounted. */
  readonly droppedEarlier: string[];
  readonly products: Map<string, ProductChange>;
}

type Relevant = OrderEvent | ProductEvent;

export function foldBatch(events: readonly RecordedEvent[]): RecommendationBatch {
  const batch: RecommendationBatch = { placed: new Map(), confirmed: [], confirmedEarlier: [], droppedEarlier: [], products: new Map() };
  const change = (productId: string, patch: ProductChange) =>
    batch.products.set(productId, { ...batch.products.get(productId), ...patch });
  for (const recorded of events) {
    const event = { type: recorded.type, data: recorded.data } as Relevant;
    switch (event.type) {
      case 'OrderPlaced': {
        const { orderId, customerId, lines } = event.data;
        // Variants of one product share a productId: an order buys a product once, whatever its lines.
        batch.placed.set(orderId, { orderId, customerId, productIds: [...new Set(lines.map((line) => line.productId))] });
        break;
      }
      case 'OrderConfirmed': {
        const basket = batch.placed.get(event.data.orderId);
        if (basket) {
          batch.placed.delete(basket.orderId);
          batch.confirmed.push(basket);
        } else batch.confirmedEarlier.push(event.data.orderId);
        break;
      }
      // A cancellation after confirmation finds nothing pending and changes no count (see the projection).
      case 'OrderRejected':
      case 'OrderCancelled':
        if (!batch.placed.delete(event.data.orderId)) batch.droppedEarlier.push(event.data.orderId);
        break;
      case 'ProductCreated':
        change(event.data.productId, { categoryId: event.data.categoryId, hidden: true });
        break;
      case 'ProductDetailsUpdated':
        if (event.data.categoryId !== undefined) change(event.data.productId, { categoryId: event.data.categoryId });
        break;
      case 'ProductPublished':
        change(event.data.productId, { hidden: false });
        break;
      case 'ProductUnpublished':
      case 'ProductDiscontinued':
        change(event.data.productId, { hidden: true });
        break;
      default:
        break;
    }
  }
  return batch;
}

/** The count increments that a set of newly confirmed orders causes. */
export interface Tally {
  readonly orders: number;
  readonly products: Map<string, number>;
  /** Directed: every unordered pair {a, b} adds to both a → b and b → a (see the projection). */
  readonly pairs: Map<string, Map<string, number>>;
  readonly customers: Map<string, Map<string, number>>;
}

const bump = (map: Map<string, Map<string, number>>, outer: string, inner: string) => {
  const counts = map.get(outer) ?? new Map<string, number>();
  counts.set(inner, (counts.get(inner) ?? 0) + 1);
  map.set(outer, counts);
};

export function tally(baskets: readonly OrderBasket[]): Tally {
  const result: Tally = { orders: baskets.length, products: new Map(), pairs: new Map(), customers: new Map() };
  for (const { customerId, productIds } of baskets) {
    for (const product of productIds) {
      result.products.set(product, (result.products.get(product) ?? 0) + 1);
      if (customerId !== null) bump(result.customers, customerId, product);
      for (const other of productIds) if (other !== product) bump(result.pairs, product, other);
    }
  }
  return result;
}

/** Flattens a nested count map into parallel columns for one `unnest(...)` insert. */
export function columns(map: Map<string, Map<string, number>>): [string[], string[], number[]] {
  const outer: string[] = [];
  const inner: string[] = [];
  const counts: number[] = [];
  for (const [a, row] of map) {
    for (const [b, n] of row) {
      outer.push(a);
      inner.push(b);
      counts.push(n);
    }
  }
  return [outer, inner, counts];
}
