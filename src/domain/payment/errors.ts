import { domainErrorFor } from '../shared/index.js';

export const paymentErrorCodes = [
  'PAYMENT_NOT_FOUND',
  'PAYMENT_ALREADY_EXISTS',
  'IDEMPOTENCY_KEY_REUSED',
  'ILLEGAL_TRANSITION',
  'CURRENCY_MISMATCH',
  'INVALID_AMOUNT',
  'CAPTURE_EXCEEDS_AUTHORIZED',
  'REFUND_EXCEEDS_CAPTURED',
] as const;
export type PaymentErrorCode = (typeof paymentErrorCodes)[number];

/** `domainError` narrowed to the payment's codes, so a typo in a code fails to compile. */
export const paymentError = domainErrorFor(paymentErrorCodes);
