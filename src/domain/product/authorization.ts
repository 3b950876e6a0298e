import { domainError, isAdmin } from '../shared/index.js';
import type { Actor } from '../shared/index.js';
import type { ProductError } from './errors.js';

/** A seller creates products for themself; an admin may create one on a seller's behalf. */
export function mayCreateFor(actor: Actor, sellerId: string): ProductError | undefined {
  if (isAdmin(actor)) return undefined;
  if (!actor.roles.includes('seller')) {
    return domainError('NOT_A_SELLER', 'only sellers create products', { userId: actor.userId });
  }
  if (actor.userId !== sellerId) {
    return domainError('NOT_PRODUCT_OWNER', 'a seller creates products only for themself', { userId: actor.userId, sellerId });
  }
  return undefined;
}

export function mayManage(
  actor: Actor,
  product: { readonly productId: string; readonly sellerId: string },
): ProductError | undefined {
  if (isAdmin(actor) || actor.userId === product.sellerId) return undefined;
  return domainError('NOT_PRODUCT_OWNER', `product ${product.productId} belongs to another seller`, {
    productId: product.productId,
    userId: actor.userId,
  });
}
