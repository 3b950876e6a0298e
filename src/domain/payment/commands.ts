import { z } from 'zod';
import { cardLast4Schema, idSchema, instantSchema, paymentTokenSchema, positiveMoneySchema } from '../shared/index.js';
import { idempotencyKeySchema, reasonSchema } from './values.js';

/** Every command carries an idempotency key: a key already applied returns [] and the earlier effect stands. */
const command = <Type extends string, Data extends z.ZodRawShape>(type: Type, data: Data) =>
  z.object({
    type: z.literal(type),
    data: z.object({ paymentId: idSchema, ...data, idempotencyKey: idempotencyKeySchema, at: instantSchema }),
  });

export const authorizePaymentSchema = command('AuthorizePayment', {
  orderId: idSchema,
  amount: positiveMoneySchema,
  token: paymentTokenSchema,
  cardLast4: cardLast4Schema,
});
/** The gateway's answers, recorded by the worker that called it. */
export const recordAuthorizationSchema = command('RecordAuthorization', { gatewayAuthorizationId: z.string().min(1).max(200) });
export const recordDeclineSchema = command('RecordDecline', { reason: reasonSchema });
export const recordFailureSchema = command('RecordFailure', { reason: reasonSchema, transient: z.boolean() });
export const capturePaymentSchema = command('CapturePayment', { amount: positiveMoneySchema });
export const voidPaymentSchema = command('VoidPayment', {});
export const refundPaymentSchema = command('RefundPayment', { amount: positiveMoneySchema });

export const paymentCommandSchema = z.discriminatedUnion('type', [
  authorizePaymentSchema,
  recordAuthorizationSchema,
  recordDeclineSchema,
  recordFailureSchema,
  capturePaymentSchema,
  voidPaymentSchema,
  refundPaymentSchema,
]);

export type AuthorizePayment = z.infer<typeof authorizePaymentSchema>;
export type RecordAuthorization = z.infer<typeof recordAuthorizationSchema>;
export type RecordDecline = z.infer<typeof recordDeclineSchema>;
export type RecordFailure = z.infer<typeof recordFailureSchema>;
export type CapturePayment = z.infer<typeof capturePaymentSchema>;
export type VoidPayment = z.infer<typeof voidPaymentSchema>;
export type RefundPayment = z.infer<typeof refundPaymentSchema>;
export type PaymentCommand = z.infer<typeof paymentCommandSchema>;
