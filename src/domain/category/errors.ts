import type { DomainError } from '../shared/index.js';

export const categoryErrorCodes = [
  'CATEGORY_NOT_FOUND',
  'PARENT_NOT_FOUND',
  'CATEGORY_ALREADY_EXISTS',
  'DUPLICATE_SIBLING_NAME',
  'DUPLICATE_SLUG',
  'CATEGORY_CYCLE',
] as const;

export type CategoryErrorCode = (typeof categoryErrorCodes)[number];
export type CategoryError = DomainError<CategoryErrorCode>;
