import type { FastifyPluginAsync } from 'fastify';
import type { RouteDeps } from '../route-deps.js';
import { sellerInventoryRoutes } from './seller/seller-inventory.routes.js';
import { sellerProductRoutes } from './seller/seller-products.routes.js';
import { sellerReportRoutes } from './seller/seller-reports.routes.js';

/**
 * The seller area (access `seller`: sellers and admins). A seller manages only their own products
 * and their SKUs, and sees only their own orders and sales; an admin may act on any.
 *
 * - `POST /seller/products` → 201 {productId}: a draft.
 * - `PUT /seller/products/{productId}`: details and/or `status` (published | unpublished | discontinued).
 * - `PUT /seller/products/{productId}/price` {sku, price}.
 * - `PUT /seller/inventory/{sku}` {receive: {quantity, warehouse?}} | {adjust: {delta, reason}}.
 * - `GET /seller/orders`, `GET /seller/analytics`.
 */
export const sellerRoutes: FastifyPluginAsync<RouteDeps> = async (app, deps) => {
  await app.register(sellerProductRoutes, deps);
  await app.register(sellerInventoryRoutes, deps);
  await app.register(sellerReportRoutes, deps);
};
