import { domainError } from '../shared/index.js';
import type { DomainError } from '../shared/index.js';

export const reviewErrorCodes = [
  'REVIEW_NOT_FOUND',
  /** A different review was already submitted under this id (the same one again is a no-op). */
  'REVIEW_ALREADY_EXISTS',
  /** Only the author may edit a review (admins moderate, they do not rewrite). */
  'NOT_REVIEW_AUTHOR',
  /** Moderation takes an admin. */
  'FORBIDDEN',
  'CANNOT_MARK_OWN_REVIEW',
  /** Only a published (approved) review can be marked helpful: nobody else can see the others. */
  'REVIEW_NOT_APPROVED',
] as const;
export type ReviewErrorCode = (typeof reviewErrorCodes)[number];

export const reviewError = (
  code: ReviewErrorCode,
  message: string,
  details?: Record<string, unknown>,
): DomainError<ReviewErrorCode> => domainError(code, message, details);
