import { z } from 'zod';

/**
 * A coupon code as carts and orders carry it: trimmed and upper-cased once at the edge, so codes
 * compare case-insensitively, then 2-40 letters, digits, '-' or '_'.
 *
 * Not the coupon aggregate's own rule: coupon/commands.ts `couponCodeSchema` defines codes of 2-64
 * characters (and looks them up leniently), so a coupon defined with a code longer than 40 cannot be
 * applied to a cart. Both rules were kept as they were when cart's and order's copies were merged here.
 */
export const appliedCouponCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9_-]{1,39}$/, 'expected 2-40 letters, digits, - or _');
