import type { DomainError } from '../shared/index.js';

export const productErrorCodes = [
  'PRODUCT_NOT_FOUND',
  'PRODUCT_ALREADY_EXISTS',
  'PRODUCT_DISCONTINUED',
  'NOT_PRODUCT_OWNER',
  'NOT_A_SELLER',
  'DUPLICATE_SKU',
  'UNKNOWN_SKU',
  'CURRENCY_MISMATCH',
  'INVALID_PRICE',
] as const;

export type ProductErrorCode = (typeof productErrorCodes)[number];
export type ProductError = DomainError<ProductErrorCode>;
