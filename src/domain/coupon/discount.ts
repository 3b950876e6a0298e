import { z } from 'zod';
import { CurrencyMismatchError, percentOf, positiveMoneySchema } from '../shared/index.js';
import type { Money } from '../shared/index.js';

export const percentageDiscountSchema = z.object({
  kind: z.literal('percentage'),
  /** 1 bp = 0.01 %; 10 000 bp = 100 %. */
  basisPoints: z.number().int().min(1).max(10_000),
});

/** A fixed amount off, only applicable to subtotals in its own currency. */
export const fixedDiscountSchema = z.object({
  kind: z.literal('fixed'),
  amount: positiveMoneySchema,
});

export const couponDiscountSchema = z.discriminatedUnion('kind', [percentageDiscountSchema, fixedDiscountSchema]);
export type CouponDiscount = z.infer<typeof couponDiscountSchema>;

/**
 * The discount a coupon gives on a subtotal: in the subtotal's currency, never negative and never more
 * than the subtotal (a 10.00 coupon on an 8.00 order gives 8.00 off). Percentages round half away from
 * zero to minor units (shared `percentOf`). A fixed amount in another currency is a programming error,
 * as everywhere in money: it throws CurrencyMismatchError; `decide` returns CURRENCY_MISMATCH first.
 */
export function computeDiscount(coupon: { readonly discount: CouponDiscount }, subtotal: Money): Money {
  const { discount } = coupon;
  let raw: number;
  switch (discount.kind) {
    case 'percentage':
      raw = percentOf(subtotal, discount.basisPoints).amount;
      break;
    case 'fixed':
      if (discount.amount.currency !== subtotal.currency) {
        throw new CurrencyMismatchError(discount.amount.currency, subtotal.currency);
      }
      raw = discount.amount.amount;
      break;
  }
  const ceiling = Math.max(0, subtotal.amount);
  return { amount: Math.min(Math.max(0, raw), ceiling), currency: subtotal.currency };
}
