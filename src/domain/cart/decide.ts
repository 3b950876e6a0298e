import { assertNever, type Decision } from '../shared/index.js';
import type {
  AbandonForMerge,
  AddCartItem,
  ChangeCartItemQuantity,
  CartCommand,
  CheckOutCart,
  ExpireCart,
  MergeGuestCart,
  OpenCart,
} from './commands.js';
import { cartError } from './errors.js';
import type { CartEvent } from './events.js';
import { findLine } from './lines.js';
import { cartExpiresAt, type Cart, type CartState } from './state.js';
import type { CartOwner } from './values.js';

const notFound = (cartId: string) => cartError('CART_NOT_FOUND', `cart ${cartId} does not exist`, { cartId });

const closed = (cart: Cart) =>
  cartError('CART_CLOSED', `cart ${cart.cartId} is ${cart.status} and can no longer change`, { cartId: cart.cartId, status: cart.status });

const currencyMismatch = (cart: Cart, currency: string) =>
  cartError('CURRENCY_MISMATCH', `cart ${cart.cartId} is in ${cart.currency}, not ${currency}`, {
    expected: cart.currency,
    actual: currency,
  });

/** Rules that may answer for a closed cart (idempotent repeats) get the cart whatever its status. */
const onCart = (state: CartState, cartId: string, rule: (cart: Cart) => Decision<CartEvent>): Decision<CartEvent> =>
  state.status === 'NONE' ? notFound(cartId) : rule(state);

/** Everything else needs the cart open: after checkout, expiry or merge nothing changes it. */
const onOpenCart = (state: CartState, cartId: string, rule: (cart: Cart) => Decision<CartEvent>): Decision<CartEvent> =>
  onCart(state, cartId, (cart) => (cart.status === 'OPEN' ? rule(cart) : closed(cart)));

const sameOwner = (a: CartOwner, b: CartOwner): boolean =>
  a.kind === 'guest' ? b.kind === 'guest' : b.kind === 'customer' && a.customerId === b.customerId;

/** Opening twice with the same owner and currency is a retry, not a conflict. */
function openCart({ data }: OpenCart, state: CartState): Decision<CartEvent> {
  if (state.status === 'NONE') return [{ type: 'CartOpened', data }];
  if (sameOwner(state.owner, data.owner) && state.currency === data.currency) return [];
  return cartError('CART_ALREADY_EXISTS', `cart ${data.cartId} already exists`, { cartId: data.cartId });
}

function addItem({ data }: AddCartItem, cart: Cart): Decision<CartEvent> {
  if (data.unitPrice.currency !== cart.currency) return currencyMismatch(cart, data.unitPrice.currency);
  return [{ type: 'CartItemAdded', data }];
}

function changeQuantity({ data }: ChangeCartItemQuantity, cart: Cart): Decision<CartEvent> {
  const line = findLine(cart.lines, data.sku);
  if (line === undefined) return cartError('CART_ITEM_NOT_FOUND', `${data.sku} is not in cart ${cart.cartId}`, { sku: data.sku });
  if (line.quantity === data.quantity) return [];
  return [{ type: 'CartItemQuantityChanged', data }];
}

function mergeGuestCart({ data }: MergeGuestCart, cart: Cart): Decision<CartEvent> {
  if (cart.mergedCartIds.includes(data.sourceCartId)) return [];
  if (cart.status !== 'OPEN') return closed(cart);
  if (cart.owner.kind !== 'customer') {
    return cartError('CART_NOT_CUSTOMER_CART', `guest carts merge into a customer's cart, and ${cart.cartId} is a guest cart`);
  }
  if (data.sourceCartId === cart.cartId) return cartError('CART_MERGE_SELF', `cart ${cart.cartId} cannot merge into itself`);
  const foreign = data.lines.find((line) => line.unitPrice.currency !== cart.currency);
  if (foreign !== undefined) return currencyMismatch(cart, foreign.unitPrice.currency);
  return [{ type: 'GuestCartMerged', data }];
}

function abandonForMerge({ data }: AbandonForMerge, cart: Cart): Decision<CartEvent> {
  if (cart.status === 'MERGED' && cart.mergedInto === data.targetCartId) return [];
  if (cart.status !== 'OPEN') return closed(cart);
  if (cart.owner.kind !== 'guest') {
    return cartError('CART_NOT_GUEST_CART', `only guest carts are merged away, and ${cart.cartId} is not one`);
  }
  if (data.targetCartId === cart.cartId) return cartError('CART_MERGE_SELF', `cart ${cart.cartId} cannot merge into itself`);
  return [{ type: 'CartMergedInto', data }];
}

function checkOut({ data }: CheckOutCart, cart: Cart): Decision<CartEvent> {
  if (cart.status === 'CHECKED_OUT') {
    if (cart.orderId === data.orderId) return [];
    return cartError('CART_ALREADY_CHECKED_OUT', `cart ${cart.cartId} was already checked out`, { orderId: cart.orderId });
  }
  if (cart.status !== 'OPEN') return closed(cart);
  if (cart.lines.length === 0) return cartError('CART_EMPTY', `cart ${cart.cartId} has no items`);
  return [{ type: 'CartCheckedOut', data: { ...data, lines: [...cart.lines], couponCode: cart.couponCode } }];
}

function expire({ data }: ExpireCart, cart: Cart): Decision<CartEvent> {
  if (cart.status === 'EXPIRED') return [];
  if (cart.status !== 'OPEN') return closed(cart);
  const expiresAt = cartExpiresAt(cart);
  if (Date.parse(data.at) < Date.parse(expiresAt)) {
    return cartError('CART_NOT_IDLE', `cart ${cart.cartId} was active at ${cart.lastActivityAt}`, {
      lastActivityAt: cart.lastActivityAt,
      expiresAt,
    });
  }
  return [{ type: 'CartExpired', data: { ...data, lastActivityAt: cart.lastActivityAt } }];
}

export function decide(command: CartCommand, state: CartState): Decision<CartEvent> {
  const { cartId } = command.data;
  switch (command.type) {
    case 'OpenCart':
      return openCart(command, state);
    case 'AddCartItem':
      return onOpenCart(state, cartId, (cart) => addItem(command, cart));
    case 'ChangeCartItemQuantity':
      return onOpenCart(state, cartId, (cart) => changeQuantity(command, cart));
    case 'RemoveCartItem':
      return onOpenCart(state, cartId, (cart) =>
        findLine(cart.lines, command.data.sku) === undefined
          ? cartError('CART_ITEM_NOT_FOUND', `${command.data.sku} is not in cart ${cartId}`, { sku: command.data.sku })
          : [{ type: 'CartItemRemoved', data: command.data }],
      );
    case 'MergeGuestCart':
      return onCart(state, cartId, (cart) => mergeGuestCart(command, cart));
    case 'AbandonForMerge':
      return onCart(state, cartId, (cart) => abandonForMerge(command, cart));
    case 'ApplyCoupon':
      return onOpenCart(state, cartId, (cart) =>
        cart.couponCode === command.data.code ? [] : [{ type: 'CouponApplied', data: command.data }],
      );
    case 'RemoveCoupon':
      return onOpenCart(state, cartId, (cart) =>
        cart.couponCode === null
          ? cartError('COUPON_NOT_APPLIED', `cart ${cartId} has no coupon`)
          : [{ type: 'CouponRemoved', data: { ...command.data, code: cart.couponCode } }],
      );
    case 'CheckOutCart':
      return onCart(state, cartId, (cart) => checkOut(command, cart));
    case 'ExpireCart':
      return onCart(state, cartId, (cart) => expire(command, cart));
    default:
      return assertNever(command);
  }
}
