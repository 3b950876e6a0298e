import type { Money } from '../shared/index.js';
import { domainError } from '../shared/index.js';
import type { ProductError } from './errors.js';

interface PricedVariant {
  readonly sku: string;
  readonly price: Money;
}

export function checkPrice(sku: string, price: Money, currency: string): ProductError | undefined {
  if (!Number.isSafeInteger(price.amount) || price.amount <= 0) {
    return domainError('INVALID_PRICE', 'a price must be a positive amount of minor units', { sku, price });
  }
  // One currency per product, so that its variants' prices compare and sum without conversion.
  if (price.currency !== currency) {
    return domainError('CURRENCY_MISMATCH', `the product is priced in ${currency}`, { sku, currency, given: price.currency });
  }
  return undefined;
}

/** Checks variants being added to those a product already has: unique SKUs, valid prices, one currency. */
export function checkNewVariants(
  variants: readonly PricedVariant[],
  existing: readonly PricedVariant[],
  currency: string,
): ProductError | undefined {
  const skus = new Set(existing.map((variant) => variant.sku));
  for (const variant of variants) {
    if (skus.has(variant.sku)) {
      return domainError('DUPLICATE_SKU', `SKU ${variant.sku} is already used by this product`, { sku: variant.sku });
    }
    skus.add(variant.sku);
    const priceError = checkPrice(variant.sku, variant.price, currency);
    if (priceError) return priceError;
  }
  return undefined;
}
