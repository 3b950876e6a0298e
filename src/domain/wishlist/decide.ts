import { assertNever } from '../shared/index.js';
import type { Decision } from '../shared/index.js';
import type { WishlistCommand } from './commands.js';
import type { WishlistEvent } from './events.js';
import type { WishlistState } from './state.js';

/** Set semantics: only a real change is recorded, so the stream holds no noise from double clicks. */
export function decide(command: WishlistCommand, state: WishlistState): Decision<WishlistEvent> {
  const { customerId, productId, at } = command.data;
  const present = state.productIds.includes(productId);
  switch (command.type) {
    case 'AddToWishlist':
      return present ? [] : [{ type: 'WishlistItemAdded', data: { customerId, productId, at } }];
    case 'RemoveFromWishlist':
      return present ? [{ type: 'WishlistItemRemoved', data: { customerId, productId, at } }] : [];
    default:
      return assertNever(command);
  }
}
