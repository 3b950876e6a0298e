import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inventoryStreamName, type InventoryCommand } from '../../../domain/inventory/index.js';
import { productExists, productStreamName } from '../../../domain/product/index.js';
import { skuSchema } from '../../../domain/shared/index.js';
import { formatPosition } from '../../../eventstore/position.js';
import type { Principal } from '../../auth/access.js';
import { domainErrorProblem } from '../../problems/domain-error-problem.js';
import { problems } from '../../problems/problem.js';
import type { RouteDeps } from '../../route-deps.js';
import { awaitPosition } from '../../support/read-your-writes.js';
import { errorResponses } from '../../support/schemas.js';
import { productsOfSkus } from './product-ownership.js';
import { commandContext, isAdmin, principalOf } from './request-context.js';
import { inventoryChangeBody, stockLevel } from './seller-schemas.js';

/** How long a seller's first stock update waits for the catalog to learn of a product created just before. */
const CATALOG_WAIT_MS = 2_000;

/** `PUT /seller/inventory/{sku}`: receive stock or adjust it, for SKUs of the caller's own products. */
export const sellerInventoryRoutes: FastifyPluginAsync<RouteDeps> = async (app, deps) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { commands, db, store } = deps.system;

  /** Admins manage any SKU (also one no product lists yet); a seller only those of their own products, others are 404. */
  async function assertMaySupply(principal: Principal, sku: string, reply: FastifyReply): Promise<void> {
    if (isAdmin(principal)) return;
    let productId = (await productsOfSkus(db, [sku])).get(sku);
    if (productId === undefined) {
      // Perhaps the product was created a moment ago: let the catalog catch up with the log, briefly.
      const head = await store.headPosition();
      if (head) await awaitPosition(deps.readYourWrites, reply, 'product-catalog', formatPosition(head), CATALOG_WAIT_MS);
      productId = (await productsOfSkus(db, [sku])).get(sku);
    }
    const product = productId === undefined ? undefined : (await commands.product.current(productStreamName(productId))).state;
    if (product === undefined || !productExists(product) || product.sellerId !== principal.customerId) throw problems.notFound('SKU', sku);
  }

  api.put(
    '/seller/inventory/:sku',
    {
      // A retry with the same Idempotency-Key does not receive the stock twice.
      config: { access: 'seller', idempotent: true },
      schema: {
        tags: ['seller'],
        summary: 'Receive stock ({"receive": {"quantity", "warehouse"?}}) or adjust it ({"adjust": {"delta", "reason"}})',
        params: z.strictObject({ sku: skuSchema }),
        body: inventoryChangeBody,
        response: { 200: stockLevel, ...errorResponses(404, 409, 422) },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { sku } = request.params;
      await assertMaySupply(principal, sku, reply);
      const at = new Date().toISOString();
      const { receive, adjust } = request.body;
      const command: InventoryCommand = receive
        ? { type: 'ReceiveStock', data: { sku, warehouseId: receive.warehouse ?? 'main', quantity: receive.quantity, at } }
        : { type: 'AdjustStock', data: { sku, delta: adjust!.delta, reason: adjust!.reason, at } };
      const result = await commands.inventory.send(command, commandContext(request));
      if (!result.ok) throw domainErrorProblem(result.error);
      const { state } = await commands.inventory.current(inventoryStreamName(sku));
      return { sku, onHand: state.onHand, reserved: state.reserved, available: state.available, position: result.position ? formatPosition(result.position) : null };
    },
  );
};
