import type { Kysely } from 'kysely';
import { getProduct, type ProductView } from '../../../projections/read-models/index.js';
import { isAdminPrincipal, type Principal } from '../../auth/access.js';
import { problems } from '../../problems/problem.js';

/** Drafts, unpublished and discontinued products are seen by their seller and by admins only. */
export function maySeeProduct(principal: Principal | undefined, product: { readonly status: string; readonly sellerId: string }): boolean {
  return product.status === 'published' || principal?.customerId === product.sellerId || isAdminPrincipal(principal);
}

/**
 * The product as the caller may see it, or 404 PRODUCT_NOT_FOUND: a hidden product answers exactly
 * like a missing one, so its existence cannot be probed.
 */
export async function visibleProduct(db: Kysely<unknown>, principal: Principal | undefined, productId: string): Promise<ProductView> {
  const product = await getProduct(db, productId);
  if (product === undefined || !maySeeProduct(principal, product)) throw problems.notFound('product', productId);
  return product;
}
