import type { SqlProjection } from '../runner/sql-projection.js';
import { cartsProjection } from './carts/carts-projection.js';
import { categoryTreeProjection } from './category-tree/category-tree-projection.js';
import { inventoryLevelsProjection } from './inventory-levels/inventory-levels-projection.js';
import { ordersProjection } from './orders/orders-projection.js';
import { productCatalogProjection } from './product-catalog/product-catalog-projection.js';
import { productReviewsProjection } from './product-reviews/product-reviews-projection.js';
import { salesProjection } from './sales/sales-projection.js';
import { wishlistsProjection } from './wishlists/wishlists-projection.js';

/** Every read model, for the registry: each runs, checkpoints and rebuilds on its own. */
export const readModelProjections: SqlProjection[] = [
  productCatalogProjection,
  categoryTreeProjection,
  inventoryLevelsProjection,
  cartsProjection,
  ordersProjection,
  productReviewsProjection,
  wishlistsProjection,
  salesProjection,
];

export {
  cartsProjection,
  categoryTreeProjection,
  inventoryLevelsProjection,
  ordersProjection,
  productCatalogProjection,
  productReviewsProjection,
  salesProjection,
  wishlistsProjection,
};

export * from './carts/carts-queries.js';
export * from './category-tree/category-tree-queries.js';
export * from './inventory-levels/inventory-levels-queries.js';
export * from './orders/orders-queries.js';
export * from './product-catalog/product-catalog-queries.js';
export * from './product-reviews/product-reviews-queries.js';
export * from './sales/sales-queries.js';
export * from './wishlists/wishlists-queries.js';
export { InvalidCursorError, type Page } from './shared/pagination.js';
export type { CategoryRef } from './shared/category-nodes.js';
