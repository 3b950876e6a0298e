import type { Money } from '../../domain/shared/index.js';
import { GatewayRejectedError, IdempotencyKeyReusedError, TransientGatewayError } from '../../payments/errors.js';
import type { PaymentGateway } from '../../payments/payment-gateway.js';

export type AuthorizationAnswer =
  | { readonly outcome: 'approved'; readonly authorizationId: string }
  | { readonly outcome: 'declined'; readonly reason: string }
  | { readonly outcome: 'failed'; readonly reason: string };

export interface AuthorizeOptions {
  readonly attempts: number;
  readonly baseDelayMs: number;
}

/**
 * Asks the gateway to authorize, retrying transient errors with exponential backoff under the SAME
 * idempotency key: the gateway answers a repeat with its first answer, so retries never charge twice.
 */
export async function authorizeWithRetries(
  gateway: PaymentGateway,
  request: { idempotencyKey: string; token: string; amount: Money; orderId: string },
  options: AuthorizeOptions,
): Promise<AuthorizationAnswer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await gateway.authorize(request);
    } catch (error) {
      if (error instanceof TransientGatewayError) {
        if (attempt >= options.attempts) return { outcome: 'failed', reason: `gateway unavailable after ${attempt} attempts` };
        await new Promise((resolve) => setTimeout(resolve, options.baseDelayMs * 2 ** (attempt - 1)));
        continue;
      }
      // Same key, other parameters: a bug in the caller, not an answer about the card.
      if (error instanceof IdempotencyKeyReusedError) throw error;
      if (error instanceof GatewayRejectedError) return { outcome: 'failed', reason: error.message };
      throw error;
    }
  }
}
