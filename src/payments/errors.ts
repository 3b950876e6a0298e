import type { GatewayOperation } from './payment-gateway.js';

/**
 * The gateway could not answer (timeout, 5xx, connection reset): nothing is known to have happened.
 * Retry with the same idempotency key, so that a call which did go through is answered, not repeated.
 */
export class TransientGatewayError extends Error {
  override readonly name = 'TransientGatewayError';
  readonly retryable = true;
  constructor(message: string, options?: { readonly cause?: unknown }) {
    super(message, options);
  }
}

/**
 * Stable codes of permanent refusals, mapped by callers (HTTP problem types, saga decisions).
 * Card codes come from `tokenize`; the rest from the calls that move money.
 */
export const gatewayRejectionCodes = [
  /** Malformed request: a key, token, id or amount the gateway cannot read. Not remembered under the key. */
  'invalid_request',
  'invalid_number',
  'invalid_expiry',
  'expired_card',
  'invalid_cvc',
  'token_not_found',
  'authorization_not_found',
  'currency_mismatch',
  'amount_exceeds_authorized',
  'amount_exceeds_captured',
  'already_captured',
  'already_voided',
  'not_captured',
  'idempotency_key_reused',
] as const;
export type GatewayRejectionCode = (typeof gatewayRejectionCodes)[number];

/** The gateway said no, for good: retrying the same request gets the same answer. Messages never hold card data. */
export class GatewayRejectedError extends Error {
  override readonly name: string = 'GatewayRejectedError';
  readonly retryable = false;
  constructor(
    readonly code: GatewayRejectionCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A key was sent again with other parameters or for another operation. That is a bug in the caller
 * (keys must be derived from the one effect they stand for), so it is permanent like any rejection.
 */
export class IdempotencyKeyReusedError extends GatewayRejectedError {
  override readonly name = 'IdempotencyKeyReusedError';
  constructor(
    readonly idempotencyKey: string,
    /** The operation the key was first used for. */
    readonly firstUsedFor: GatewayOperation,
  ) {
    super('idempotency_key_reused', `idempotency key ${JSON.stringify(idempotencyKey)} already belongs to a different ${firstUsedFor} request`);
  }
}

/** True when a call may be retried with the same idempotency key. */
export const isRetryableGatewayError = (error: unknown): error is TransientGatewayError => error instanceof TransientGatewayError;
