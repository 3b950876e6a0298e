import type { Money } from '../domain/shared/money.js';

/**
 * The payment gateway port: everything the checkout saga and the payment worker need from a card
 * processor. Adapters live one per folder (`sandbox/`, later a real processor) and all pass
 * `contract/payment-gateway.contract.ts`.
 *
 * Card data: `tokenize` is the only call that ever sees a card number. It answers with an opaque
 * token plus last four digits and brand, which is all the domain may hold. No adapter logs, keeps
 * or echoes the number (nor the cvc), not even inside an error message.
 *
 * Idempotency: every call that moves money carries an `idempotencyKey`, as real gateways require
 * (Stripe's `Idempotency-Key`). Repeating a key with the same parameters returns the first answer
 * (an approval, a decline, a result or a `GatewayRejectedError`) and never moves money twice;
 * repeating it with other parameters, or for another operation, throws `IdempotencyKeyReusedError`.
 * Only a `TransientGatewayError` is not an answer: retry it with the same key.
 */
export interface PaymentGateway {
  /** Validates the card (Luhn, expiry, cvc) and swaps it for a token. Throws `GatewayRejectedError` when invalid. */
  tokenize(request: TokenizeRequest): Promise<TokenizedCard>;
  /** Holds `amount` on the card. A decline is an answer, not an error. */
  authorize(request: AuthorizeRequest): Promise<AuthorizeResult>;
  /** Takes up to the authorized amount, once. */
  capture(request: CaptureRequest): Promise<CaptureResult>;
  /** Releases an authorization that was not captured. */
  void(request: VoidRequest): Promise<VoidResult>;
  /** Gives back part or all of what was captured; refunds add up to at most the captured amount. */
  refund(request: RefundRequest): Promise<RefundResult>;
}

export type CardBrand = 'visa' | 'mastercard' | 'amex' | 'discover' | 'unknown';

/** What a buyer types in. Spaces and dashes in the number are tolerated; `expYear` has four digits. */
export interface TokenizeRequest {
  readonly cardNumber: string;
  readonly expMonth: number;
  readonly expYear: number;
  readonly cvc: string;
}

export interface TokenizedCard {
  /** Opaque; never contains the number or anything shaped like one (see `paymentTokenSchema`). */
  readonly token: string;
  readonly last4: string;
  readonly brand: CardBrand;
}

export interface AuthorizeRequest {
  readonly idempotencyKey: string;
  readonly token: string;
  readonly amount: Money;
  readonly orderId: string;
}

export type AuthorizeResult =
  | { readonly outcome: 'approved'; readonly authorizationId: string }
  | { readonly outcome: 'declined'; readonly reason: string };

export interface CaptureRequest {
  readonly idempotencyKey: string;
  readonly authorizationId: string;
  readonly amount: Money;
}

export interface CaptureResult {
  readonly captureId: string;
  readonly authorizationId: string;
  readonly amount: Money;
}

export interface VoidRequest {
  readonly idempotencyKey: string;
  readonly authorizationId: string;
}

export interface VoidResult {
  readonly authorizationId: string;
}

export interface RefundRequest {
  readonly idempotencyKey: string;
  readonly authorizationId: string;
  readonly amount: Money;
}

export interface RefundResult {
  readonly refundId: string;
  readonly authorizationId: string;
  readonly amount: Money;
  /** The sum of this authorization's refunds, this one included. */
  readonly refundedTotal: Money;
}

/** The calls that carry an idempotency key; a key belongs to one of them for good. */
export type GatewayOperation = 'authorize' | 'capture' | 'void' | 'refund';
