import type { CategoryEvent } from '../../domain/category/index.js';
import type { InventoryEvent } from '../../domain/inventory/index.js';
import type { OrderEvent } from '../../domain/order/index.js';
import type { ProductEvent } from '../../domain/product/index.js';
import type { ReviewEvent } from '../../domain/review/index.js';
import type { RecordedEvent } from '../../eventstore/types.js';

export interface NewProduct {
  product_id: string;
  seller_id: string;
  title: string;
  brand: string;
  description: string;
  category_id: string;
  status: string;
  currency: string;
  created_at: string;
}

export type ProductPatch = { product_id: string } & Partial<Pick<NewProduct, 'title' | 'brand' | 'description' | 'category_id' | 'status'>>;

/** Deltas add up on the SKU's row; `product_id` and `price` replace when present. */
export interface SkuChange {
  sku: string;
  product_id: string | null;
  price: number | null;
  on_hand: number;
  reserved: number;
}

export interface ReviewChange {
  review_id: string;
  product_id: string | null;
  rating: number | null;
  approved: boolean | null;
}

export interface CategoryChange {
  category_id: string;
  parent_id: string | null;
  /** Whether `parent_id` carries a value (a rename leaves the parent as it is). */
  moved: boolean;
  name: string | null;
}

export interface OrderLine {
  order_id: string;
  product_id: string;
  quantity: number;
}

/**
 * One page of events folded into set-shaped changes, so that the page is written with a fixed
 * number of multi-row statements whatever its size. Folding keeps the events' order where it
 * matters: a product created and updated in the same page becomes one insert; stock deltas add up.
 */
export interface SearchBatch {
  readonly created: Map<string, NewProduct>;
  readonly patches: Map<string, ProductPatch>;
  readonly skus: Map<string, SkuChange>;
  readonly reviews: Map<string, ReviewChange>;
  readonly categories: Map<string, CategoryChange>;
  readonly orderLines: OrderLine[];
  /**
   * Confirmations are written before drops: an order confirmed and then cancelled within one page
   * still counted as confirmed; one cancelled while pending never reaches confirmation.
   */
  readonly confirmedOrders: string[];
  readonly droppedOrders: string[];
  /** Products whose document changed directly (more are found through SKUs, reviews and orders). */
  readonly touched: Set<string>;
}

export function foldSearchEvents(events: readonly RecordedEvent[]): SearchBatch {
  const batch: SearchBatch = {
    created: new Map(),
    patches: new Map(),
    skus: new Map(),
    reviews: new Map(),
    categories: new Map(),
    orderLines: [],
    confirmedOrders: [],
    droppedOrders: [],
    touched: new Set(),
  };
  for (const recorded of events) {
    const category = recorded.streamName.slice(0, recorded.streamName.indexOf('-'));
    const event = { type: recorded.type, data: recorded.data };
    if (category === 'product') foldProduct(batch, event as ProductEvent, recorded.recordedAt);
    else if (category === 'inventory') foldInventory(batch, event as InventoryEvent);
    else if (category === 'review') foldReview(batch, event as ReviewEvent);
    else if (category === 'catalog') foldCategory(batch, event as CategoryEvent);
    else if (category === 'order') foldOrder(batch, event as OrderEvent);
  }
  return batch;
}

function skuChange(batch: SearchBatch, sku: string): SkuChange {
  let change = batch.skus.get(sku);
  if (!change) {
    change = { sku, product_id: null, price: null, on_hand: 0, reserved: 0 };
    batch.skus.set(sku, change);
  }
  return change;
}

function patchProduct(batch: SearchBatch, productId: string, patch: Omit<ProductPatch, 'product_id'>): void {
  const created = batch.created.get(productId);
  if (created) Object.assign(created, patch);
  else batch.patches.set(productId, { ...batch.patches.get(productId), ...patch, product_id: productId });
}

function foldProduct(batch: SearchBatch, event: ProductEvent, recordedAt: Date): void {
  const productId = event.data.productId;
  batch.touched.add(productId);
  switch (event.type) {
    case 'ProductCreated': {
      const { sellerId, title, brand, description, categoryId, variants } = event.data;
      batch.created.set(productId, {
        product_id: productId,
        seller_id: sellerId,
        title,
        brand,
        description,
        category_id: categoryId,
        status: 'draft',
        currency: variants[0]?.price.currency ?? '',
        created_at: recordedAt.toISOString(),
      });
      for (const variant of variants) Object.assign(skuChange(batch, variant.sku), { product_id: productId, price: variant.price.amount });
      return;
    }
    case 'ProductDetailsUpdated': {
      const { title, brand, description, categoryId } = event.data;
      const patch: Omit<ProductPatch, 'product_id'> = {};
      if (title !== undefined) patch.title = title;
      if (brand !== undefined) patch.brand = brand;
      if (description !== undefined) patch.description = description;
      if (categoryId !== undefined) patch.category_id = categoryId;
      patchProduct(batch, productId, patch);
      return;
    }
    case 'ProductVariantAdded':
      Object.assign(skuChange(batch, event.data.variant.sku), { product_id: productId, price: event.data.variant.price.amount });
      return;
    case 'VariantPriceChanged':
      Object.assign(skuChange(batch, event.data.sku), { product_id: productId, price: event.data.price.amount });
      return;
    case 'ProductPublished':
      return patchProduct(batch, productId, { status: 'published' });
    case 'ProductUnpublished':
      return patchProduct(batch, productId, { status: 'unpublished' });
    case 'ProductDiscontinued':
      return patchProduct(batch, productId, { status: 'discontinued' });
  }
}

function foldInventory(batch: SearchBatch, event: InventoryEvent): void {
  switch (event.type) {
    case 'StockReceived':
      skuChange(batch, event.data.sku).on_hand += event.data.quantity;
      return;
    case 'StockAdjusted':
      skuChange(batch, event.data.sku).on_hand += event.data.delta;
      return;
    case 'StockReserved':
      skuChange(batch, event.data.sku).reserved += event.data.quantity;
      return;
    case 'ReservationReleased':
    case 'ReservationExpired':
      skuChange(batch, event.data.sku).reserved -= event.data.quantity;
      return;
    case 'ReservationCommitted': {
      const change = skuChange(batch, event.data.sku);
      change.reserved -= event.data.quantity;
      change.on_hand -= event.data.quantity;
      return;
    }
    default:
      return;
  }
}

function reviewChange(batch: SearchBatch, reviewId: string, change: Partial<ReviewChange>): void {
  const current = batch.reviews.get(reviewId) ?? { review_id: reviewId, product_id: null, rating: null, approved: null };
  batch.reviews.set(reviewId, { ...current, ...change });
}

/** Only approved reviews count; an edit sends a review back to moderation, so it stops counting. */
function foldReview(batch: SearchBatch, event: ReviewEvent): void {
  switch (event.type) {
    case 'ReviewSubmitted':
      return reviewChange(batch, event.data.reviewId, { product_id: event.data.productId, rating: event.data.rating, approved: false });
    case 'ReviewEdited':
      return reviewChange(batch, event.data.reviewId, { rating: event.data.rating, approved: false });
    case 'ReviewApproved':
      return reviewChange(batch, event.data.reviewId, { approved: true });
    case 'ReviewRejected':
      return reviewChange(batch, event.data.reviewId, { approved: false });
    default:
      return;
  }
}

function foldCategory(batch: SearchBatch, event: CategoryEvent): void {
  const id = event.data.categoryId;
  const current = batch.categories.get(id) ?? { category_id: id, parent_id: null, moved: false, name: null };
  switch (event.type) {
    case 'CategoryCreated':
      batch.categories.set(id, { ...current, parent_id: event.data.parentId, moved: true, name: event.data.name });
      return;
    case 'CategoryRenamed':
      batch.categories.set(id, { ...current, name: event.data.name });
      return;
    case 'CategoryMoved':
      batch.categories.set(id, { ...current, parent_id: event.data.parentId, moved: true });
      return;
  }
}

/** Best selling counts units of confirmed orders: lines wait here from placement to confirmation. */
function foldOrder(batch: SearchBatch, event: OrderEvent): void {
  switch (event.type) {
    case 'OrderPlaced':
      for (const line of event.data.lines) {
        batch.orderLines.push({ order_id: event.data.orderId, product_id: line.productId, quantity: line.quantity });
      }
      return;
    case 'OrderConfirmed':
      batch.confirmedOrders.push(event.data.orderId);
      return;
    case 'OrderRejected':
    case 'OrderCancelled':
      batch.droppedOrders.push(event.data.orderId);
      return;
    default:
      return;
  }
}
