import { z } from 'zod';
import {
  addMoney,
  money,
  moneySchema,
  multiplyMoney,
  percentOf,
  subtractMoney,
  sumMoney,
  type DomainError,
  type Money,
} from '../shared/index.js';
import { orderError, type OrderErrorCode } from './errors.js';
import type { ShippingOption } from './values.js';

/*
 * Order pricing as pure tables and one pure function, so that the HTTP layer can quote exactly
 * what PlaceOrder will charge. All amounts are integer minor units.
 */

export interface ShippingRates {
  readonly standard: number;
  readonly express: number;
  readonly next_day: number;
  /** Standard shipping is free when the goods (subtotal minus discount) are strictly above this. */
  readonly freeStandardAbove: number;
}

const defaultRates: ShippingRates = { standard: 499, express: 1499, next_day: 2999, freeStandardAbove: 5000 };

/** Shipping prices by currency; an order in a currency missing here cannot be priced. */
export const shippingPriceTable: Readonly<Record<string, ShippingRates>> = {
  USD: defaultRates,
  EUR: defaultRates,
  GBP: defaultRates,
};

/** Tax rates in basis points by ISO 3166-1 alpha-2 country (1900 = 19%). */
export const taxRateTable: Readonly<Record<string, number>> = { US: 0, DE: 1900, FR: 2000, GB: 2000, NL: 2100 };
export const DEFAULT_TAX_RATE_BASIS_POINTS = 0;

export const taxRateFor = (country: string): number =>
  (Object.hasOwn(taxRateTable, country) ? taxRateTable[country] : undefined) ?? DEFAULT_TAX_RATE_BASIS_POINTS;

export function shippingCost(option: ShippingOption, goods: Money): Money | undefined {
  const rates = Object.hasOwn(shippingPriceTable, goods.currency) ? shippingPriceTable[goods.currency] : undefined;
  if (rates === undefined) return undefined;
  const free = option === 'standard' && goods.amount > rates.freeStandardAbove;
  return money(free ? 0 : rates[option], goods.currency);
}

export const orderPricingSchema = z.object({
  subtotal: moneySchema,
  discount: moneySchema,
  shipping: moneySchema,
  /** Kept so that refunds of returned lines use the rate the customer was charged. */
  taxRateBasisPoints: z.number().int().nonnegative(),
  tax: moneySchema,
  total: moneySchema,
});
export type OrderPricing = z.infer<typeof orderPricingSchema>;

export interface PricedLine {
  readonly quantity: number;
  readonly unitPrice: Money;
}

/**
 * subtotal = sum of lines; goods = subtotal - discount; tax = rate(country) x (goods + shipping);
 * total = goods + shipping + tax. The discount comes from the coupon, computed by the command side.
 */
export function priceOrder(
  lines: readonly PricedLine[],
  discount: Money,
  shippingOption: ShippingOption,
  country: string,
): OrderPricing | DomainError<OrderErrorCode> {
  const [first] = lines;
  if (first === undefined) return orderError('ORDER_HAS_NO_LINES', 'an order needs at least one line');
  const currency = first.unitPrice.currency;
  const foreign = [...lines.map((line) => line.unitPrice), discount].find((amount) => amount.currency !== currency);
  if (foreign !== undefined) {
    return orderError('CURRENCY_MISMATCH', `the order is in ${currency}, not ${foreign.currency}`, {
      expected: currency,
      actual: foreign.currency,
    });
  }
  const subtotal = sumMoney(
    lines.map((line) => multiplyMoney(line.unitPrice, line.quantity)),
    currency,
  );
  if (discount.amount < 0 || discount.amount > subtotal.amount) {
    return orderError('INVALID_DISCOUNT', 'the discount must be between zero and the subtotal', { discount, subtotal });
  }
  const goods = subtractMoney(subtotal, discount);
  const shipping = shippingCost(shippingOption, goods);
  if (shipping === undefined) return orderError('UNSUPPORTED_CURRENCY', `orders in ${currency} cannot be shipped`, { currency });
  const taxRateBasisPoints = taxRateFor(country);
  const taxable = addMoney(goods, shipping);
  const tax = percentOf(taxable, taxRateBasisPoints);
  return { subtotal, discount, shipping, taxRateBasisPoints, tax, total: addMoney(taxable, tax) };
}
