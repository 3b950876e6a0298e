import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inventoryStreamName } from '../../domain/inventory/index.js';
import { getInventory } from '../../projections/read-models/index.js';
import { problems } from '../problems/problem.js';
import type { RouteDeps } from '../route-deps.js';
import { awaitPosition, positionQuery } from '../support/read-your-writes.js';
import { errorResponses } from '../support/schemas.js';
import { inventorySchema, skuParam } from './purchase/purchase-schemas.js';
import { unlessNotCreatedYet } from './purchase/read-model-ready.js';

/** Stock of one SKU, for anyone: from the inventory-levels read model, or the SKU's stream when the model has not reached it yet. */
export const inventoryRoutes: FastifyPluginAsync<RouteDeps> = async (app, deps) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/inventory/:sku',
    {
      config: { access: 'public' },
      schema: {
        tags: ['inventory'],
        summary: 'Stock of a SKU: on hand, reserved by checkouts in progress, available',
        params: skuParam,
        querystring: z.strictObject({ position: positionQuery }),
        response: { 200: inventorySchema, ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const { sku } = request.params;
      await awaitPosition(deps.readYourWrites, reply, 'inventory-levels', request.query.position);
      const level = await unlessNotCreatedYet(getInventory(deps.system.db, sku), undefined);
      if (level) return { sku, onHand: level.onHand, reserved: level.reserved, available: level.available };
      const { state, revision } = await deps.system.commands.inventory.read(inventoryStreamName(sku));
      if (revision < 0n) throw problems.notFound('inventory', sku);
      return { sku, onHand: state.onHand, reserved: state.reserved, available: state.available };
    },
  );
};
