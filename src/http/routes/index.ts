import type { FastifyPluginAsync } from 'fastify';
import type { RouteDeps } from '../route-deps.js';

/**
 * Every area of the public API, mounted under /api/v1. One plugin per area; each declares, per
 * route, who may call it (`config.access`), its zod schemas and the problems it answers.
 */
export const apiRoutes: ReadonlyArray<FastifyPluginAsync<RouteDeps>> = [];
