import { domainErrorFor } from '../shared/index.js';

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

/** `domainError` narrowed to the review's codes, so a typo in a code fails to compile. */
export const reviewError = domainErrorFor(reviewErrorCodes);
