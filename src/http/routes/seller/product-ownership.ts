import { sql, type Kysely } from 'kysely';
import type { CommandHandlers } from '../../../commands/command-handlers.js';
import { categoryStreamName } from '../../../domain/category/index.js';
import { productExists, productStreamName, type ExistingProduct } from '../../../domain/product/index.js';
import type { Principal } from '../../auth/access.js';
import { problems } from '../../problems/problem.js';
import { isAdmin } from './request-context.js';

/**
 * A product the caller may manage: their own, or any for an admin. Another seller's product answers
 * 404 exactly like a missing one, so that product ids cannot be probed for their owner.
 */
export async function ownedProduct(commands: CommandHandlers, principal: Principal, productId: string): Promise<ExistingProduct> {
  const { state } = await commands.product.current(productStreamName(productId));
  if (!productExists(state) || (!isAdmin(principal) && state.sellerId !== principal.customerId)) {
    throw problems.notFound('product', productId);
  }
  return state;
}

/** A category a product may be filed under: it must exist in the category tree (the aggregate, not a read model). */
export async function assertCategoryExists(commands: CommandHandlers, categoryId: string): Promise<void> {
  const { state } = await commands.category.current(categoryStreamName());
  if (!state.categories.has(categoryId)) {
    throw problems.unprocessable('UNKNOWN_CATEGORY', 'Unknown category', `category ${categoryId} does not exist`);
  }
}

/**
 * Which product each SKU belongs to, per the catalog read model (`catalog_skus`). SKUs are unique per
 * product in the aggregate, but only the read model knows them across products: a check against it
 * can miss a product created a moment ago by someone else (see the report on SKU claims).
 */
export async function productsOfSkus(db: Kysely<unknown>, skus: readonly string[]): Promise<Map<string, string>> {
  if (skus.length === 0) return new Map();
  const result = await sql<{ sku: string; product_id: string }>`
    SELECT sku, product_id FROM catalog_skus WHERE sku = ANY(${[...skus]}::text[]) AND product_id IS NOT NULL`.execute(db);
  return new Map(result.rows.map((row) => [row.sku, row.product_id]));
}

/** Refuses SKUs that another product already uses: a SKU names one inventory stream, hence one product. */
export async function assertSkusFree(db: Kysely<unknown>, skus: readonly string[], productId: string): Promise<void> {
  const owners = await productsOfSkus(db, skus);
  const taken = [...owners].filter(([, owner]) => owner !== productId).map(([sku]) => sku);
  if (taken.length > 0) {
    throw problems.conflict('SKU_TAKEN', 'SKU already in use', `SKU ${taken.join(', ')} belongs to another product`);
  }
}
