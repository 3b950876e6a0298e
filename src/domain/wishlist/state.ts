import { assertNever } from '../shared/index.js';
import type { WishlistEvent } from './events.js';

export interface WishlistState {
  /** Product ids on the list, in the order they were added. */
  readonly productIds: readonly string[];
}

export const initialState = (): WishlistState => ({ productIds: [] });

export function evolve(state: WishlistState, event: WishlistEvent): WishlistState {
  const { productId } = event.data;
  switch (event.type) {
    case 'WishlistItemAdded':
      return state.productIds.includes(productId) ? state : { productIds: [...state.productIds, productId] };
    case 'WishlistItemRemoved':
      return { productIds: state.productIds.filter((id) => id !== productId) };
    default:
      return assertNever(event);
  }
}
