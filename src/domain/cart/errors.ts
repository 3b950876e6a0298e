import { domainErrorFor } from '../shared/index.js';

export const cartErrorCodes = [
  'CART_NOT_FOUND',
  'CART_ALREADY_EXISTS',
  'CART_CLOSED',
  'CART_ALREADY_CHECKED_OUT',
  'CART_EMPTY',
  'CART_NOT_IDLE',
  'CART_ITEM_NOT_FOUND',
  'CART_NOT_CUSTOMER_CART',
  'CART_NOT_GUEST_CART',
  'CART_MERGE_SELF',
  'COUPON_NOT_APPLIED',
  'CURRENCY_MISMATCH',
] as const;
export type CartErrorCode = (typeof cartErrorCodes)[number];

/** `domainError` narrowed to the cart's codes, so a typo in a code fails to compile. */
export const cartError = domainErrorFor(cartErrorCodes);
