import { cartDecider, cartStreamCategory } from '../domain/cart/index.js';
import { categoryDecider, categoryStreamCategory } from '../domain/category/index.js';
import { couponDecider, couponStreamCategory } from '../domain/coupon/index.js';
import { customerDecider, customerStreamCategory, emailClaimDecider, emailClaimStreamCategory } from '../domain/customer/index.js';
import { inventoryDecider, inventoryStreamCategory } from '../domain/inventory/index.js';
import { orderDecider, orderStreamCategory } from '../domain/order/index.js';
import { paymentDecider, paymentStreamCategory } from '../domain/payment/index.js';
import { productDecider, productStreamCategory } from '../domain/product/index.js';
import { reviewDecider, reviewStreamCategory } from '../domain/review/index.js';
import type { Message } from '../domain/shared/index.js';
import { wishlistDecider, wishlistStreamCategory } from '../domain/wishlist/index.js';

/** What folding a stream needs: the decider without `decide`. Events arrive as stored (upcast). */
export interface StreamFold {
  readonly initialState: () => unknown;
  readonly evolve: (state: unknown, event: Message) => unknown;
}

function fold<State, Event extends Message>(decider: { initialState: () => State; evolve: (state: State, event: Event) => State }): StreamFold {
  // Safe because a category's streams hold only its aggregate's events (command-handlers.ts writes them so).
  return { initialState: decider.initialState, evolve: (state, event) => decider.evolve(state as State, event as Event) };
}

/** Stream category → the aggregate whose state its streams hold (the same pairs as src/commands/command-handlers.ts). */
export const streamFolds: ReadonlyMap<string, StreamFold> = new Map([
  [productStreamCategory, fold(productDecider)],
  [categoryStreamCategory, fold(categoryDecider)],
  [inventoryStreamCategory, fold(inventoryDecider)],
  [cartStreamCategory, fold(cartDecider)],
  [orderStreamCategory, fold(orderDecider)],
  [paymentStreamCategory, fold(paymentDecider)],
  [customerStreamCategory, fold(customerDecider)],
  [emailClaimStreamCategory, fold(emailClaimDecider)],
  [couponStreamCategory, fold(couponDecider)],
  [reviewStreamCategory, fold(reviewDecider)],
  [wishlistStreamCategory, fold(wishlistDecider)],
]);

export class UnknownStreamCategoryError extends Error {
  override readonly name = 'UnknownStreamCategoryError';
  constructor(readonly stream: string) {
    super(`no aggregate keeps its state in stream "${stream}" (known categories: ${[...streamFolds.keys()].join(', ')})`);
  }
}

/** The fold for a stream by its category (the part of the name before the first `-`). */
export function streamFoldFor(stream: string): StreamFold | undefined {
  const dash = stream.indexOf('-');
  return dash > 0 ? streamFolds.get(stream.slice(0, dash)) : undefined;
}
