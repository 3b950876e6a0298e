import type { FastifyPluginAsync } from 'fastify';
import type { RouteDeps } from '../route-deps.js';
import { adminCommandRoutes } from './admin/admin-commands.routes.js';
import { adminProjectionRoutes } from './admin/admin-projections.routes.js';

/**
 * The admin and ops area (access `admin`): roles, categories, coupons, projections. Time travel over
 * streams lives in admin-streams.routes.ts; shipping and delivery with the orders routes.
 *
 * - `PUT /admin/customers/{customerId}/roles` {roles}
 * - `POST /admin/categories` {name, parentId?, slug?} → 201 {categoryId}
 * - `POST /admin/coupons` {code, discount, minimumOrder?, validFrom?, validUntil, totalUsageLimit?, perCustomerLimit?} → 201 {code}
 * - `GET /admin/projections`, `POST /admin/projections/{name}/rebuild` → 202
 */
export const adminRoutes: FastifyPluginAsync<RouteDeps> = async (app, deps) => {
  await app.register(adminCommandRoutes, deps);
  await app.register(adminProjectionRoutes, deps);
};
