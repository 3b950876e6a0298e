import type { FastifyPluginAsync } from 'fastify';
import type { RouteDeps } from '../route-deps.js';
import { adminJobRoutes } from './admin-jobs.routes.js';
import { adminStreamRoutes } from './admin-streams.routes.js';
import { adminRoutes } from './admin.routes.js';
import { authRoutes } from './auth.routes.js';
import { cartRoutes } from './cart.routes.js';
import { catalogRoutes } from './catalog.routes.js';
import { inventoryRoutes } from './inventory.routes.js';
import { meRoutes } from './me.routes.js';
import { orderRoutes } from './orders.routes.js';
import { paymentRoutes } from './payments.routes.js';
import { recommendationsRoutes } from './recommendations.routes.js';
import { reviewsRoutes } from './reviews.routes.js';
import { searchRoutes } from './search.routes.js';
import { sellerRoutes } from './seller.routes.js';
import { wishlistRoutes } from './wishlist.routes.js';

/**
 * Every area of the public API, mounted under /api/v1. One plugin per area; each declares, per
 * route, who may call it (`config.access`), its zod schemas and the problems it answers.
 */
export const apiRoutes: ReadonlyArray<FastifyPluginAsync<RouteDeps>> = [sellerRoutes, adminRoutes, adminStreamRoutes, adminJobRoutes, cartRoutes, orderRoutes, paymentRoutes, inventoryRoutes, authRoutes, meRoutes, catalogRoutes, searchRoutes, reviewsRoutes, wishlistRoutes, recommendationsRoutes];
