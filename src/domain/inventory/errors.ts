import type { DomainError } from '../shared/index.js';

export const inventoryErrorCodes = [
  'INSUFFICIENT_STOCK',
  'INVALID_QUANTITY',
  'INVALID_ADJUSTMENT',
  'INVALID_EXPIRY',
  'RESERVATION_NOT_FOUND',
  'RESERVATION_NOT_EXPIRED',
  'RESERVATION_ENDED',
  'RESERVATION_CONFLICT',
] as const;

export type InventoryErrorCode = (typeof inventoryErrorCodes)[number];
export type InventoryError = DomainError<InventoryErrorCode>;
