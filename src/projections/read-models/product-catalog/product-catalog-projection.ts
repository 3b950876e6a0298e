import { sql } from 'kysely';
import { categoryStreamCategory, type CategoryEvent } from '../../../domain/category/index.js';
import { inventoryStreamCategory, type InventoryEvent } from '../../../domain/inventory/index.js';
import { productStreamCategory, type ProductEvent, type Variant } from '../../../domain/product/index.js';
import { reviewStreamCategory, type ReviewEvent } from '../../../domain/review/index.js';
import { canonicalJson } from '../../../domain/shared/index.js';
import type { ProjectionTrx, SqlProjection, TableNamer } from '../../runner/sql-projection.js';
import { applyCategoryEvent, pathTo, type CategoryNode } from '../shared/category-nodes.js';
import { eventTypes } from '../shared/domain-event.js';
import { keysToLoad } from '../shared/document-fold.js';
import { loadAllDocs, loadDocs, upsertRows } from '../shared/sql-rows.js';
import { toNumber } from '../shared/values.js';
import { sortCatalogPage, type CatalogPage } from './catalog-page.js';
import {
  CATEGORIES,
  categoryRows,
  createCatalogTables,
  PRODUCTS,
  productRows,
  REVIEWS,
  reviewRows,
  SKUS,
  skuRows,
  type CategoryDoc,
  type SkuChange,
} from './catalog-tables.js';
import { applyProductEvent, changesVariants, type ProductChange } from './product-doc.js';

/** Re-derives every path (a rename or move changes all below it) and writes the categories that changed. */
async function applyCategories(trx: ProjectionTrx, t: TableNamer, events: readonly CategoryEvent[]): Promise<void> {
  if (events.length === 0) return;
  const stored = await loadAllDocs<CategoryDoc>(trx, t(CATEGORIES), 'category_id');
  const nodes = new Map<string, CategoryNode>([...stored].map(([id, { path: _path, ...node }]) => [id, node]));
  for (const event of events) applyCategoryEvent(nodes, event);
  const changed = [...nodes.values()]
    .map((node): CategoryDoc => ({ ...node, path: pathTo(nodes, node.categoryId) }))
    .filter((doc) => canonicalJson(doc) !== canonicalJson(stored.get(doc.categoryId)));
  await upsertRows(trx, t(CATEGORIES), categoryRows, changed);
}

async function applyProducts(trx: ProjectionTrx, t: TableNamer, products: CatalogPage['products']): Promise<void> {
  if (products.length === 0) return;
  const needVariants = keysToLoad(
    products.filter(({ event }) => event.type === 'ProductCreated' || changesVariants(event)),
    ({ event }) => event.data.productId,
    ({ event }) => event.type === 'ProductCreated',
  );
  const stored = await loadDocs<Variant[]>(trx, t(PRODUCTS), 'product_id', needVariants, 'variants');
  const changes = new Map<string, ProductChange>();
  for (const { event, recordedAt } of products) {
    const { productId } = event.data;
    changes.set(productId, applyProductEvent(changes.get(productId), event, recordedAt, (id) => stored.get(id) ?? []));
  }
  await upsertRows(trx, t(PRODUCTS), productRows, changes.values());
}

/**
 * Writes the page's stock deltas and SKU owners; returns the SKUs whose product's `in_stock` may
 * have changed: those newly given a product, and those whose availability crossed zero.
 */
async function writeSkus(trx: ProjectionTrx, t: TableNamer, page: CatalogPage): Promise<string[]> {
  const after = await upsertRows<SkuChange, { sku: string; available: number | string }>(trx, t(SKUS), skuRows, page.skus.values(), ['sku', 'available']);
  return after
    .filter(({ sku, available }) => {
      const change = page.skus.get(sku)!;
      const now = toNumber(available);
      return change.productId !== null || now > 0 !== now - change.availableDelta > 0;
    })
    .map(({ sku }) => sku);
}

/** `in_stock` of every product whose SKUs changed: any variant with stock available. Written only when it flips. */
async function refreshInStock(trx: ProjectionTrx, t: TableNamer, skus: readonly string[]): Promise<void> {
  if (skus.length === 0) return;
  const [products, stock] = [sql.id(t(PRODUCTS)), sql.id(t(SKUS))];
  await sql`
    UPDATE ${products} p SET in_stock = s.in_stock
    FROM (
      SELECT a.product_id, EXISTS (SELECT 1 FROM ${stock} k WHERE k.product_id = a.product_id AND k.available > 0) AS in_stock
      FROM (SELECT DISTINCT product_id FROM ${stock} WHERE sku = ANY(${skus}::text[]) AND product_id IS NOT NULL) a
    ) s
    WHERE p.product_id = s.product_id AND p.in_stock IS DISTINCT FROM s.in_stock`.execute(trx);
}

/** Rating count and sum of approved reviews, for the products of the reviews in the page and of new products. */
async function refreshRatings(trx: ProjectionTrx, t: TableNamer, reviewIds: readonly string[], productIds: readonly string[]): Promise<void> {
  if (reviewIds.length === 0 && productIds.length === 0) return;
  const [products, reviews] = [sql.id(t(PRODUCTS)), sql.id(t(REVIEWS))];
  await sql`
    UPDATE ${products} p SET rating_count = s.n, rating_sum = s.total
    FROM (
      SELECT a.product_id, count(r.review_id)::int AS n, COALESCE(sum(r.rating), 0)::int AS total
      FROM (
        SELECT product_id FROM ${reviews} WHERE review_id = ANY(${reviewIds}::text[]) AND product_id IS NOT NULL
        UNION SELECT unnest(${productIds}::text[])
      ) a
      LEFT JOIN ${reviews} r ON r.product_id = a.product_id AND r.approved
      GROUP BY a.product_id
    ) s
    WHERE p.product_id = s.product_id AND (p.rating_count, p.rating_sum) IS DISTINCT FROM (s.n, s.total)`.execute(trx);
}

/**
 * The product catalog: each product with its variants and prices, category path, status, rating
 * (approved reviews) and whether any of its SKUs has stock available. Events of four streams meet
 * here; each page is folded per kind, written with one statement per table, and the derived
 * columns are recomputed in SQL for the products the page touched.
 */
export const productCatalogProjection: SqlProjection = {
  name: 'product-catalog',
  version: 1,
  filter: {
    categories: [categoryStreamCategory, productStreamCategory, reviewStreamCategory, inventoryStreamCategory],
    eventTypes: [
      ...eventTypes<CategoryEvent>('CategoryCreated', 'CategoryRenamed', 'CategoryMoved'),
      ...eventTypes<ProductEvent>(
        'ProductCreated',
        'ProductDetailsUpdated',
        'ProductVariantAdded',
        'VariantPriceChanged',
        'ProductPublished',
        'ProductUnpublished',
        'ProductDiscontinued',
      ),
      ...eventTypes<ReviewEvent>('ReviewSubmitted', 'ReviewEdited', 'ReviewApproved', 'ReviewRejected'),
      // The events that move `available`; a committed reservation does not.
      ...eventTypes<InventoryEvent>('StockReceived', 'StockAdjusted', 'StockReserved', 'ReservationReleased', 'ReservationExpired'),
    ],
  },
  tables: [PRODUCTS, SKUS, CATEGORIES, REVIEWS],
  createTables: createCatalogTables,
  async apply(trx, recorded, t) {
    const page = sortCatalogPage(recorded);
    await applyCategories(trx, t, page.categories);
    await applyProducts(trx, t, page.products);
    await refreshInStock(trx, t, await writeSkus(trx, t, page));
    await upsertRows(trx, t(REVIEWS), reviewRows, page.reviews.values());
    const created = page.products.filter(({ event }) => event.type === 'ProductCreated').map(({ event }) => event.data.productId);
    await refreshRatings(trx, t, [...page.reviews.keys()], created);
  },
};
