import { categoryStreamCategory, type CategoryEvent } from '../../../domain/category/index.js';
import { inventoryStreamCategory, type InventoryEvent } from '../../../domain/inventory/index.js';
import { productStreamCategory, type ProductEvent } from '../../../domain/product/index.js';
import { reviewStreamCategory, type ReviewEvent } from '../../../domain/review/index.js';
import type { RecordedEvent } from '../../../eventstore/types.js';
import { domainEvent } from '../shared/domain-event.js';
import type { ReviewChange, SkuChange } from './catalog-tables.js';

/**
 * One page of the catalog's events, sorted by what they change. The four streams touch
 * different tables, and what joins them (a SKU's product, a review's product) is resolved in SQL
 * after the writes, so each kind can be folded on its own without changing the outcome.
 */
export interface CatalogPage {
  readonly categories: CategoryEvent[];
  readonly products: { readonly event: ProductEvent; readonly recordedAt: Date }[];
  readonly skus: Map<string, SkuChange>;
  readonly reviews: Map<string, ReviewChange>;
}

const categoryOf = (streamName: string) => streamName.slice(0, streamName.indexOf('-'));

function addSku(skus: Map<string, SkuChange>, sku: string, productId: string | null, delta: number): void {
  const before = skus.get(sku);
  skus.set(sku, { sku, productId: productId ?? before?.productId ?? null, availableDelta: (before?.availableDelta ?? 0) + delta });
}

/** How an inventory event moves `available` (onHand - reserved); a committed reservation leaves it as it was. */
function availableDelta(event: InventoryEvent): number {
  switch (event.type) {
    case 'StockReceived':
      return event.data.quantity;
    case 'StockAdjusted':
      return event.data.delta;
    case 'StockReserved':
      return -event.data.quantity;
    case 'ReservationReleased':
    case 'ReservationExpired':
      return event.data.quantity;
    default:
      return 0;
  }
}

function reviewChange(before: ReviewChange | undefined, event: ReviewEvent): ReviewChange | undefined {
  const { reviewId } = event.data;
  const known = { reviewId, productId: before?.productId ?? null, rating: before?.rating ?? null };
  switch (event.type) {
    case 'ReviewSubmitted':
      return { reviewId, productId: event.data.productId, rating: event.data.rating, approved: false };
    case 'ReviewEdited':
      // Back to moderation: the rating leaves the average until approved again.
      return { ...known, rating: event.data.rating, approved: false };
    case 'ReviewApproved':
      return { ...known, approved: true };
    case 'ReviewRejected':
      return { ...known, approved: false };
    default:
      return before;
  }
}

export function sortCatalogPage(recorded: readonly RecordedEvent[]): CatalogPage {
  const page: CatalogPage = { categories: [], products: [], skus: new Map(), reviews: new Map() };
  for (const event of recorded) {
    switch (categoryOf(event.streamName)) {
      case categoryStreamCategory:
        page.categories.push(domainEvent<CategoryEvent>(event));
        break;
      case productStreamCategory: {
        const product = domainEvent<ProductEvent>(event);
        page.products.push({ event: product, recordedAt: event.recordedAt });
        if (product.type === 'ProductCreated') product.data.variants.forEach((v) => addSku(page.skus, v.sku, product.data.productId, 0));
        if (product.type === 'ProductVariantAdded') addSku(page.skus, product.data.variant.sku, product.data.productId, 0);
        break;
      }
      case inventoryStreamCategory: {
        const stock = domainEvent<InventoryEvent>(event);
        const delta = availableDelta(stock);
        if (delta !== 0) addSku(page.skus, stock.data.sku, null, delta);
        break;
      }
      case reviewStreamCategory: {
        const review = domainEvent<ReviewEvent>(event);
        const change = reviewChange(page.reviews.get(review.data.reviewId), review);
        if (change) page.reviews.set(review.data.reviewId, change);
        break;
      }
      default:
        break;
    }
  }
  return page;
}
