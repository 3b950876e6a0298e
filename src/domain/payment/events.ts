import { z } from 'zod';
import { cardLast4Schema, idSchema, instantSchema, moneySchema, paymentTokenSchema } from '../shared/index.js';
import { idempotencyKeySchema, reasonSchema } from './values.js';

export const paymentStreamCategory = 'payment';
export const paymentStreamName = (paymentId: string): string => `${paymentStreamCategory}-${paymentId}`;

/** Every payment event names its order and the idempotency key of the command that caused it. */
const event = <Type extends string, Data extends z.ZodRawShape>(type: Type, data: Data) =>
  z.object({
    type: z.literal(type),
    data: z.object({ paymentId: idSchema, orderId: idSchema, ...data, idempotencyKey: idempotencyKeySchema, at: instantSchema }),
  });

/** The gateway worker reacts to this by calling the gateway with the token; only token and last4 exist here. */
export const paymentAuthorizationRequestedSchema = event('PaymentAuthorizationRequested', {
  amount: moneySchema,
  token: paymentTokenSchema,
  cardLast4: cardLast4Schema,
});
export const paymentAuthorizedSchema = event('PaymentAuthorized', { gatewayAuthorizationId: z.string().min(1), amount: moneySchema });
export const paymentDeclinedSchema = event('PaymentDeclined', { reason: reasonSchema });
/** A transient failure leaves the authorization pending so the worker may retry; a permanent one ends it. */
export const paymentFailedSchema = event('PaymentFailed', { reason: reasonSchema, transient: z.boolean() });
export const paymentCapturedSchema = event('PaymentCaptured', { amount: moneySchema });
export const paymentVoidedSchema = event('PaymentVoided', {});
/** `refundedTotal` is the running sum after this refund. */
export const paymentRefundedSchema = event('PaymentRefunded', { amount: moneySchema, refundedTotal: moneySchema });

export const paymentEventSchema = z.discriminatedUnion('type', [
  paymentAuthorizationRequestedSchema,
  paymentAuthorizedSchema,
  paymentDeclinedSchema,
  paymentFailedSchema,
  paymentCapturedSchema,
  paymentVoidedSchema,
  paymentRefundedSchema,
]);

export type PaymentAuthorizationRequested = z.infer<typeof paymentAuthorizationRequestedSchema>;
export type PaymentAuthorized = z.infer<typeof paymentAuthorizedSchema>;
export type PaymentDeclined = z.infer<typeof paymentDeclinedSchema>;
export type PaymentFailed = z.infer<typeof paymentFailedSchema>;
export type PaymentCaptured = z.infer<typeof paymentCapturedSchema>;
export type PaymentVoided = z.infer<typeof paymentVoidedSchema>;
export type PaymentRefunded = z.infer<typeof paymentRefundedSchema>;
export type PaymentEvent = z.infer<typeof paymentEventSchema>;
