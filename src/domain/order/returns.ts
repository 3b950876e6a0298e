import { addMoney, money, multiplyMoney, percentOf, sumMoney, type DomainError, type Money } from '../shared/index.js';
import { orderError, type OrderErrorCode } from './errors.js';
import type { OrderPricing } from './pricing.js';
import type { OrderLine, ReturnLine } from './values.js';

/** Returns are accepted up to this many days after delivery. */
export const RETURN_WINDOW_DAYS = 30;

/** Every returned SKU is on the order, once, for no more than was bought and not already returned. */
export function checkReturnLines(
  orderLines: readonly OrderLine[],
  alreadyReturned: Readonly<Record<string, number>>,
  requested: readonly ReturnLine[],
): DomainError<OrderErrorCode> | null {
  const skus = requested.map((line) => line.sku);
  if (requested.length === 0 || new Set(skus).size !== skus.length) {
    return orderError('INVALID_RETURN_LINES', 'a return names each SKU once and at least one', { skus });
  }
  for (const line of requested) {
    const bought = orderLines.find((orderLine) => orderLine.sku === line.sku)?.quantity ?? 0;
    const returnable = bought - (Object.hasOwn(alreadyReturned, line.sku) ? (alreadyReturned[line.sku] ?? 0) : 0);
    if (line.quantity > returnable) {
      return orderError('INVALID_RETURN_LINES', `only ${returnable} of ${line.sku} can be returned`, { sku: line.sku, returnable });
    }
  }
  return null;
}

/** a x b / c rounded half up, in BigInt so that large orders cannot lose precision. */
const proRata = (a: number, b: number, c: number): number => Number((BigInt(a) * BigInt(b) * 2n + BigInt(c)) / (2n * BigInt(c)));

/**
 * What the customer gets back for returned lines: their goods value less their pro-rata share of
 * the discount, plus the tax charged on that at the order's rate. Shipping is not refunded.
 */
export function returnValue(orderLines: readonly OrderLine[], pricing: OrderPricing, returned: readonly ReturnLine[]): Money {
  const currency = pricing.total.currency;
  const goods = sumMoney(
    returned.map((line) => {
      const orderLine = orderLines.find((candidate) => candidate.sku === line.sku);
      return orderLine === undefined ? money(0, currency) : multiplyMoney(orderLine.unitPrice, line.quantity);
    }),
    currency,
  );
  const discountShare = pricing.subtotal.amount === 0 ? 0 : proRata(pricing.discount.amount, goods.amount, pricing.subtotal.amount);
  const net = money(goods.amount - discountShare, currency);
  return addMoney(net, percentOf(net, pricing.taxRateBasisPoints));
}
