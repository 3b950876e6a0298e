import { domainErrorFor } from '../shared/index.js';

export const couponErrorCodes = [
  'COUPON_NOT_FOUND',
  /** A different definition already exists under this code (the same one again is a no-op). */
  'COUPON_ALREADY_DEFINED',
  /** The window is empty, or a fixed discount and its minimum order disagree on currency. */
  'INVALID_COUPON_DEFINITION',
  'COUPON_NOT_YET_VALID',
  'COUPON_EXPIRED',
  'COUPON_DISABLED',
  /** The subtotal's currency is not that of the fixed discount or of the minimum order. */
  'CURRENCY_MISMATCH',
  'MINIMUM_NOT_MET',
  'USAGE_LIMIT_REACHED',
  'CUSTOMER_LIMIT_REACHED',
  'REDEMPTION_NOT_FOUND',
] as const;
export type CouponErrorCode = (typeof couponErrorCodes)[number];

/** `domainError` narrowed to the coupon's codes, so a typo in a code fails to compile. */
export const couponError = domainErrorFor(couponErrorCodes);
