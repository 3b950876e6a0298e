import { domainErrorFor } from '../shared/index.js';

export const orderErrorCodes = [
  'ORDER_NOT_FOUND',
  'ORDER_ALREADY_EXISTS',
  'ILLEGAL_TRANSITION',
  'CUSTOMER_OR_GUEST_REQUIRED',
  'ORDER_HAS_NO_LINES',
  'DUPLICATE_ORDER_LINE',
  'CURRENCY_MISMATCH',
  'UNSUPPORTED_CURRENCY',
  'INVALID_DISCOUNT',
  'RETURN_WINDOW_CLOSED',
  'INVALID_RETURN_LINES',
  'PAYMENT_MISMATCH',
  'INVALID_AMOUNT',
  'REFUND_EXCEEDS_TOTAL',
] as const;
export type OrderErrorCode = (typeof orderErrorCodes)[number];

/** `domainError` narrowed to the order's codes, so a typo in a code fails to compile. */
export const orderError = domainErrorFor(orderErrorCodes);
