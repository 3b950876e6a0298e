import { addDays, assertNever, latest, zeroOf, type Money } from '../shared/index.js';
import type { CartEvent } from './events.js';
import { addLine, adjustTotal, findLine, removeLine, setLineQuantity } from './lines.js';
import type { CartLine, CartOwner } from './values.js';

/** OPEN accepts changes; the other three are closed for good. */
export type CartStatus = 'OPEN' | 'CHECKED_OUT' | 'EXPIRED' | 'MERGED';

export interface Cart {
  readonly status: CartStatus;
  readonly cartId: string;
  readonly owner: CartOwner;
  readonly currency: string;
  readonly lines: readonly CartLine[];
  /** Kept by `evolve` so readers need not re-sum; always the sum of `lines` (a property test says so). */
  readonly total: Money;
  readonly couponCode: string | null;
  /** The last shopper-visible change: what idle expiry counts from. */
  readonly lastActivityAt: string;
  /** Guest carts already folded in, so a repeated merge is recognised and ignored. */
  readonly mergedCartIds: readonly string[];
  readonly orderId: string | null;
  readonly mergedInto: string | null;
  readonly closedAt: string | null;
}

export type CartState = { readonly status: 'NONE' } | Cart;

export const initialState = (): CartState => ({ status: 'NONE' });

/** Days without activity after which a cart may be expired, by owner kind. */
export const cartIdleDays = { guest: 7, customer: 30 } as const;

/** When the cart becomes expirable: what the scheduler should wait for before sending ExpireCart. */
export const cartExpiresAt = (cart: Cart): string => addDays(cart.lastActivityAt, cartIdleDays[cart.owner.kind]);

function withLine(cart: Cart, sku: string, lines: readonly CartLine[], at: string): Cart {
  const total = adjustTotal(cart.total, findLine(cart.lines, sku), findLine(lines, sku));
  return { ...cart, lines, total, lastActivityAt: latest(cart.lastActivityAt, at) };
}

function evolveCart(cart: Cart, event: CartEvent): Cart {
  switch (event.type) {
    case 'CartOpened':
      return cart;
    case 'CartItemAdded': {
      const { cartId: _cartId, at, ...line } = event.data;
      return withLine(cart, line.sku, addLine(cart.lines, line), at);
    }
    case 'CartItemQuantityChanged':
      return withLine(cart, event.data.sku, setLineQuantity(cart.lines, event.data.sku, event.data.quantity), event.data.at);
    case 'CartItemRemoved':
      return withLine(cart, event.data.sku, removeLine(cart.lines, event.data.sku), event.data.at);
    case 'GuestCartMerged': {
      const merged = event.data.lines.reduce<Cart>((acc, line) => withLine(acc, line.sku, addLine(acc.lines, line), event.data.at), cart);
      // An empty guest cart still counts as activity on the customer's cart.
      return {
        ...merged,
        mergedCartIds: [...cart.mergedCartIds, event.data.sourceCartId],
        lastActivityAt: latest(merged.lastActivityAt, event.data.at),
      };
    }
    case 'CartMergedInto':
      return { ...cart, status: 'MERGED', mergedInto: event.data.targetCartId, closedAt: event.data.at };
    case 'CouponApplied':
      return { ...cart, couponCode: event.data.code, lastActivityAt: latest(cart.lastActivityAt, event.data.at) };
    case 'CouponRemoved':
      return { ...cart, couponCode: null, lastActivityAt: latest(cart.lastActivityAt, event.data.at) };
    case 'CartCheckedOut':
      return { ...cart, status: 'CHECKED_OUT', orderId: event.data.orderId, closedAt: event.data.at };
    case 'CartExpired':
      return { ...cart, status: 'EXPIRED', closedAt: event.data.at };
    default:
      return assertNever(event);
  }
}

/** Events for a cart that was never opened are ignored, as is a second CartOpened. */
export function evolve(state: CartState, event: CartEvent): CartState {
  if (state.status !== 'NONE') return evolveCart(state, event);
  if (event.type !== 'CartOpened') return state;
  const { cartId, owner, currency, at } = event.data;
  return {
    status: 'OPEN',
    cartId,
    owner,
    currency,
    lines: [],
    total: zeroOf(currency),
    couponCode: null,
    lastActivityAt: at,
    mergedCartIds: [],
    orderId: null,
    mergedInto: null,
    closedAt: null,
  };
}
