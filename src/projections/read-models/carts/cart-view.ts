import type { CartEvent, CartLine, CartOwner, CartStatus } from '../../../domain/cart/index.js';
import { latest, type Money } from '../../../domain/shared/index.js';

export interface CartViewLine extends CartLine {
  readonly lineTotal: Money;
}

/** A cart as its shopper sees it. Lines keep the order in which they were first added. */
export interface CartView {
  readonly cartId: string;
  readonly status: CartStatus;
  readonly owner: CartOwner;
  readonly customerId: string | null;
  readonly currency: string;
  readonly lines: readonly CartViewLine[];
  readonly itemCount: number;
  /** The sum of the lines. A coupon's discount is priced by PlaceOrder, so no total after discount here. */
  readonly subtotal: Money;
  readonly couponCode: string | null;
  readonly orderId: string | null;
  readonly mergedInto: string | null;
  readonly openedAt: string;
  readonly lastActivityAt: string;
  readonly closedAt: string | null;
}

const withLine = (line: CartLine): CartViewLine => ({
  sku: line.sku,
  productId: line.productId,
  quantity: line.quantity,
  unitPrice: line.unitPrice,
  lineTotal: { amount: line.unitPrice.amount * line.quantity, currency: line.unitPrice.currency },
});

/** Adding an SKU already in the cart adds to its quantity and takes the newer price, as the cart aggregate does. */
function addLine(lines: readonly CartViewLine[], added: CartLine): CartViewLine[] {
  const existing = lines.find((line) => line.sku === added.sku);
  if (existing === undefined) return [...lines, withLine(added)];
  return lines.map((line) => (line.sku === added.sku ? withLine({ ...added, quantity: line.quantity + added.quantity }) : line));
}

function withLines(cart: CartView, lines: readonly CartViewLine[], at: string): CartView {
  const subtotal = lines.reduce((sum, line) => sum + line.lineTotal.amount, 0);
  const itemCount = lines.reduce((sum, line) => sum + line.quantity, 0);
  return { ...cart, lines, itemCount, subtotal: { amount: subtotal, currency: cart.currency }, lastActivityAt: latest(cart.lastActivityAt, at) };
}

function opened(event: Extract<CartEvent, { type: 'CartOpened' }>): CartView {
  const { cartId, owner, currency, at } = event.data;
  return {
    cartId,
    status: 'OPEN',
    owner,
    customerId: owner.kind === 'customer' ? owner.customerId : null,
    currency,
    lines: [],
    itemCount: 0,
    subtotal: { amount: 0, currency },
    couponCode: null,
    orderId: null,
    mergedInto: null,
    openedAt: at,
    lastActivityAt: at,
    closedAt: null,
  };
}

/** Events for a cart never opened are ignored, like the aggregate's `evolve` does. */
export function evolveCartView(cart: CartView | undefined, event: CartEvent): CartView | undefined {
  if (cart === undefined) return event.type === 'CartOpened' ? opened(event) : undefined;
  const { at } = event.data;
  switch (event.type) {
    case 'CartOpened':
      return cart;
    case 'CartItemAdded':
      return withLines(cart, addLine(cart.lines, event.data), at);
    case 'CartItemQuantityChanged': {
      const { sku, quantity } = event.data;
      return withLines(cart, cart.lines.map((line) => (line.sku === sku ? withLine({ ...line, quantity }) : line)), at);
    }
    case 'CartItemRemoved':
      return withLines(cart, cart.lines.filter((line) => line.sku !== event.data.sku), at);
    case 'GuestCartMerged':
      return withLines(cart, event.data.lines.reduce(addLine, cart.lines), at);
    case 'CartMergedInto':
      return { ...cart, status: 'MERGED', mergedInto: event.data.targetCartId, closedAt: at };
    case 'CouponApplied':
      return { ...cart, couponCode: event.data.code, lastActivityAt: latest(cart.lastActivityAt, at) };
    case 'CouponRemoved':
      return { ...cart, couponCode: null, lastActivityAt: latest(cart.lastActivityAt, at) };
    case 'CartCheckedOut':
      return { ...cart, status: 'CHECKED_OUT', orderId: event.data.orderId, closedAt: at };
    case 'CartExpired':
      return { ...cart, status: 'EXPIRED', closedAt: at };
  }
}
