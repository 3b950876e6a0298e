import { sql } from 'kysely';
import { productExists, productStreamName, findVariant, type ExistingProduct, type Variant } from '../../../domain/product/index.js';
import { domainError } from '../../../domain/shared/index.js';
import { domainErrorProblem } from '../../problems/domain-error-problem.js';
import { ProblemError } from '../../problems/problem.js';
import type { RouteDeps } from '../../route-deps.js';
import { reachedPosition } from '../../support/read-your-writes.js';
import { unlessNotCreatedYet } from './read-model-ready.js';

/** How long a lookup waits for the catalog to show a SKU that was just created. */
const FRESH_SKU_WAIT_MS = 2_000;

/** A variant as the shop sells it now: the product aggregate's price, seller and status. */
export interface Offer {
  readonly product: ExistingProduct;
  readonly variant: Variant;
}

const unknownSku = (sku: string) => domainErrorProblem(domainError('UNKNOWN_SKU', `no product sells ${sku}`, { sku }));

async function productIdOfSku(deps: RouteDeps, sku: string): Promise<string | undefined> {
  const query = sql<{ product_id: string }>`
    SELECT product_id FROM catalog_skus WHERE sku = ${sku} AND product_id IS NOT NULL`.execute(deps.system.db);
  return (await unlessNotCreatedYet(query, { rows: [] })).rows[0]?.product_id;
}

/**
 * The product that sells `sku`. The catalog read model maps SKUs to products (the product streams
 * are per product); price, seller and status are then read from the product's own stream, so a
 * cart never snapshots a price older than the product's. A SKU the catalog does not show yet may
 * belong to a product created a moment ago: the lookup waits (bounded) for the catalog to catch up.
 */
export async function findOffer(deps: RouteDeps, sku: string): Promise<Offer> {
  let productId = await productIdOfSku(deps, sku);
  if (productId === undefined) {
    const head = await deps.system.store.headPosition();
    if (head && (await reachedPosition(deps.readYourWrites, 'product-catalog', head, FRESH_SKU_WAIT_MS))) productId = await productIdOfSku(deps, sku);
  }
  if (productId === undefined) throw unknownSku(sku);
  const product = await productById(deps, productId);
  const variant = product && findVariant(product, sku);
  if (!product || !variant) throw unknownSku(sku);
  if (product.status !== 'published') {
    throw new ProblemError(409, 'PRODUCT_NOT_AVAILABLE', 'Product not available', `${sku} is not on sale (${product.status})`, { sku });
  }
  return { product, variant };
}

/** The product from its stream; `cached`: this process's latest view of it, for what never changes (its seller). */
export async function productById(deps: RouteDeps, productId: string, view: 'fresh' | 'cached' = 'fresh'): Promise<ExistingProduct | undefined> {
  const handler = deps.system.commands.product;
  const { state } = view === 'cached' ? await handler.current(productStreamName(productId)) : await handler.read(productStreamName(productId));
  return productExists(state) ? state : undefined;
}
