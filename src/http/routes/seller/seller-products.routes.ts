import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { uuidFromName } from '../../../commands/event-ids.js';
import { productDecider, productStreamName, type ExistingProduct, type ProductCommand, type ProductState } from '../../../domain/product/index.js';
import { catalogIdSchema, isDomainError } from '../../../domain/shared/index.js';
import { formatPosition } from '../../../eventstore/position.js';
import type { Position } from '../../../eventstore/types.js';
import { domainErrorProblem } from '../../problems/domain-error-problem.js';
import { problems } from '../../problems/problem.js';
import type { RouteDeps } from '../../route-deps.js';
import { errorResponses, positionField } from '../../support/schemas.js';
import { assertCategoryExists, assertSkusFree, ownedProduct } from './product-ownership.js';
import { actorOf, commandContext, isAdmin, principalOf } from './request-context.js';
import { changePriceBody, createProductBody, sellerProduct, sellerProductAnswer, updateProductBody } from './seller-schemas.js';

const productParams = z.strictObject({ productId: catalogIdSchema });

const statusCommand = { published: 'PublishProduct', unpublished: 'UnpublishProduct', discontinued: 'DiscontinueProduct' } as const;

/** `POST /seller/products`, `PUT /seller/products/{productId}` (details and status), `PUT …/price`. */
export const sellerProductRoutes: FastifyPluginAsync<RouteDeps> = async (app, deps) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { commands } = deps.system;

  /**
   * Decides every command against the product first, so that a request whose second step the
   * aggregate would refuse records nothing; then sends them in one tick (one append, by group
   * commit). The aggregate decides each again on append, so a racing writer cannot slip past a rule.
   */
  async function sendAll(request: FastifyRequest, product: ExistingProduct, steps: { command: ProductCommand; step: string }[]): Promise<Position | undefined> {
    let state: ProductState = product;
    for (const { command } of steps) {
      const decided = productDecider.decide(command, state);
      if (isDomainError(decided)) throw domainErrorProblem(decided);
      state = decided.reduce(productDecider.evolve, state);
    }
    const results = await Promise.all(steps.map(({ command, step }) => commands.product.send(command, commandContext(request, step))));
    let position: Position | undefined;
    for (const result of results) {
      if (!result.ok) throw domainErrorProblem(result.error);
      position = result.position ?? position;
    }
    return position;
  }

  async function answer(productId: string, position: Position | undefined) {
    const { state } = await commands.product.current(productStreamName(productId));
    if (state.status === 'absent') throw problems.notFound('product', productId);
    return sellerProductAnswer(state, position ? formatPosition(position) : null);
  }

  api.post(
    '/seller/products',
    {
      config: { access: 'seller', idempotent: true },
      schema: {
        tags: ['seller'],
        summary: 'Create a product (a draft: publish it with PUT /seller/products/{productId} {"status": "published"})',
        body: createProductBody,
        response: { 201: z.object({ productId: z.string(), position: positionField }), ...errorResponses(409, 422) },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const body = request.body;
      const sellerId = body.sellerId ?? principal.customerId;
      if (sellerId !== principal.customerId && !isAdmin(principal)) {
        throw problems.forbidden('a seller creates products only for themself');
      }
      // Derived from the command id, so a retry with the same Idempotency-Key names the same product.
      const productId = uuidFromName(`seller-product/${request.commandId}`);
      await assertCategoryExists(commands, body.categoryId);
      await assertSkusFree(deps.system.db, body.variants.map((v) => v.sku), productId);
      const result = await commands.product.send(
        {
          type: 'CreateProduct',
          data: {
            actor: actorOf(principal),
            productId,
            sellerId,
            title: body.title,
            description: body.description,
            brand: body.brand,
            categoryId: body.categoryId,
            imageUrls: body.images,
            attributes: body.attributes,
            variants: body.variants,
          },
        },
        commandContext(request),
      );
      if (!result.ok) throw domainErrorProblem(result.error);
      return reply.code(201).send({ productId, position: result.position ? formatPosition(result.position) : null });
    },
  );

  api.put(
    '/seller/products/:productId',
    {
      config: { access: 'seller' },
      schema: {
        tags: ['seller'],
        summary: 'Change a product: details (title, description, brand, categoryId, images, attributes) and/or status (published, unpublished, discontinued)',
        params: productParams,
        body: updateProductBody,
        response: { 200: sellerProduct, ...errorResponses(404, 409, 422) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { productId } = request.params;
      const product = await ownedProduct(commands, principal, productId);
      const { status, images, ...details } = request.body;
      const actor = actorOf(principal);
      const steps: { command: ProductCommand; step: string }[] = [];
      const changesDetails = images !== undefined || Object.values(details).some((value) => value !== undefined);
      if (details.categoryId !== undefined && details.categoryId !== product.categoryId) await assertCategoryExists(commands, details.categoryId);
      if (changesDetails) {
        steps.push({
          command: { type: 'UpdateProductDetails', data: { actor, productId, ...details, ...(images !== undefined ? { imageUrls: images } : {}) } },
          step: 'details',
        });
      }
      if (status !== undefined) steps.push({ command: { type: statusCommand[status], data: { actor, productId } }, step: 'status' });
      return answer(productId, await sendAll(request, product, steps));
    },
  );

  api.put(
    '/seller/products/:productId/price',
    {
      config: { access: 'seller' },
      schema: {
        tags: ['seller'],
        summary: "Change a variant's price (same currency as the product's other variants)",
        params: productParams,
        body: changePriceBody,
        response: { 200: sellerProduct, ...errorResponses(404, 409, 422) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { productId } = request.params;
      const product = await ownedProduct(commands, principal, productId);
      const command: ProductCommand = { type: 'ChangeVariantPrice', data: { actor: actorOf(principal), productId, sku: request.body.sku, price: request.body.price } };
      return answer(productId, await sendAll(request, product, [{ command, step: 'price' }]));
    },
  );
};
