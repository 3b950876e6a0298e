/**
 * Test cards of the sandbox gateway (README.md in this folder has the table). The numbers are the
 * ones card processors publish for test mode (Stripe's among them), so they pass Luhn and look real
 * to validation, yet no bank will ever honour them: they are the only card numbers that belong in
 * code and fixtures. Expiry: any month not in the past; cvc: any 3 digits (4 for amex).
 * Behaviour is decided once, when the number is tokenized, and travels with the token; any other
 * valid number approves. Failures are counted per idempotency key, so a retry loop that keeps its
 * key sees `4000000000009995` fail, fail, then approve, while a new key starts counting again.
 * `testTokens` skip tokenization for tests that start from a token, as the domain's fixtures do.
 */
export const testCards = {
  /** Visa, approves. */
  approve: '4242424242424242',
  /** Visa, declines with reason `card_declined`. */
  decline: '4000000000000002',
  /** Visa: `TransientGatewayError` on the first two attempts of a key, approval on the third. */
  failTwiceThenApprove: '4000000000009995',
  /** Visa: `TransientGatewayError` on every attempt, for retry limits and dead letters. */
  alwaysTransient: '4000000000000119',
  /** Mastercard, approves. */
  approveMastercard: '5555555555554444',
  /** American Express (4-digit cvc), approves. */
  approveAmex: '378282246310005',
} as const;

export type TestCardName = keyof typeof testCards;

/** Ready-made sandbox tokens, one per behaviour, all Visa cards. */
export const testTokens = {
  approve: 'tok_sandbox_approve',
  decline: 'tok_sandbox_decline',
  failTwiceThenApprove: 'tok_sandbox_fail_twice',
  alwaysTransient: 'tok_sandbox_unavailable',
} as const;
