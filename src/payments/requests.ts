import { z } from 'zod';
import { idempotencyKeySchema, paymentTokenSchema } from '../domain/payment/index.js';
import { currencySchema } from '../domain/shared/money.js';
import { GatewayRejectedError } from './errors.js';
import type { AuthorizeRequest, CaptureRequest, RefundRequest, VoidRequest } from './payment-gateway.js';

/*
 * Request shapes every adapter checks before calling out, with the domain's own schemas for keys and
 * tokens so that whatever the domain accepts the gateway accepts too. A malformed request was never
 * executed, so (as at Stripe) it is not remembered under its idempotency key.
 */

const gatewayIdSchema = z.string().min(1).max(200);
const positiveMoneySchema = z.object({ amount: z.number().int().safe().positive(), currency: currencySchema });

export const authorizeRequestSchema = z.object({
  idempotencyKey: idempotencyKeySchema,
  // Refuses anything shaped like a card number, so a number passed by mistake goes no further.
  token: paymentTokenSchema,
  amount: positiveMoneySchema,
  orderId: gatewayIdSchema,
});
export const captureRequestSchema = z.object({ idempotencyKey: idempotencyKeySchema, authorizationId: gatewayIdSchema, amount: positiveMoneySchema });
export const voidRequestSchema = z.object({ idempotencyKey: idempotencyKeySchema, authorizationId: gatewayIdSchema });
export const refundRequestSchema = captureRequestSchema;

/**
 * Parses a request or throws `invalid_request`. The message names fields and rules only, never
 * values: a value might be a card number pasted where a token belongs.
 */
function parse<Request>(schema: z.ZodType<Request>, request: unknown): Request {
  const result = schema.safeParse(request);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || 'request'}: ${issue.message}`);
  throw new GatewayRejectedError('invalid_request', `invalid request (${problems.join('; ')})`);
}

export const parseAuthorizeRequest = (request: AuthorizeRequest): AuthorizeRequest => parse(authorizeRequestSchema, request);
export const parseCaptureRequest = (request: CaptureRequest): CaptureRequest => parse(captureRequestSchema, request);
export const parseVoidRequest = (request: VoidRequest): VoidRequest => parse(voidRequestSchema, request);
export const parseRefundRequest = (request: RefundRequest): RefundRequest => parse(refundRequestSchema, request);
