import type { DomainError } from '../../domain/shared/index.js';
import { ProblemError } from './problem.js';

const forbiddenCodes = new Set(['FORBIDDEN', 'NOT_PRODUCT_OWNER', 'NOT_A_SELLER', 'NOT_REVIEW_AUTHOR', 'CANNOT_REVOKE_OWN_ADMIN', 'CANNOT_MARK_OWN_REVIEW']);
const unprocessableCodes = new Set([
  'CURRENCY_MISMATCH',
  'UNSUPPORTED_CURRENCY',
  'DUPLICATE_ORDER_LINE',
  'DUPLICATE_SKU',
  'ORDER_HAS_NO_LINES',
  'MINIMUM_NOT_MET',
  'WEAK_PASSWORD',
  'UNKNOWN_SKU',
  'CATEGORY_CYCLE',
  'CUSTOMER_OR_GUEST_REQUIRED',
]);

/**
 * A rule of the business said no: the status says what kind of no. Missing things are 404, rules about
 * who may act are 403, malformed-but-valid-JSON requests are 422, and everything that depends on the
 * current state of a stream (stock, transitions, limits) is 409: the same request can succeed later.
 */
export function statusForDomainError(code: string): number {
  if (code === 'INVALID_CREDENTIALS') return 401;
  if (code.endsWith('_NOT_FOUND')) return 404;
  if (forbiddenCodes.has(code)) return 403;
  if (code.startsWith('INVALID_') || unprocessableCodes.has(code)) return 422;
  return 409;
}

export function domainErrorProblem(error: DomainError): ProblemError {
  const title = error.code
    .toLowerCase()
    .split('_')
    .map((word, i) => (i === 0 ? word.charAt(0).toUpperCase() + word.slice(1) : word))
    .join(' ');
  return new ProblemError(statusForDomainError(error.code), error.code, title, error.message, error.details ? { details: error.details } : {});
}
