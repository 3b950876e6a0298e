import { z } from 'zod';
import {
  appliedCouponCodeSchema,
  cardLast4Schema,
  idSchema,
  instantSchema,
  moneySchema,
  paymentTokenSchema,
} from '../shared/index.js';
import { orderPricingSchema } from './pricing.js';
import {
  cancelledBySchema,
  orderLineSchema,
  reasonSchema,
  rejectionReasonSchema,
  returnLineSchema,
  shippingAddressSchema,
  shippingOptionSchema,
} from './values.js';

export const orderStreamCategory = 'order';
export const orderStreamName = (orderId: string): string => `${orderStreamCategory}-${orderId}`;

const event = <Type extends string, Data extends z.ZodRawShape>(type: Type, data: Data) =>
  z.object({ type: z.literal(type), data: z.object({ orderId: idSchema, ...data, at: instantSchema }) });

/**
 * The full order as placed, priced by `priceOrder`. The payment token travels here because the
 * checkout saga authorizes the payment from this event; the card number never exists in the domain.
 */
export const orderPlacedSchema = event('OrderPlaced', {
  customerId: idSchema.nullable(),
  guestEmail: z.email().nullable(),
  cartId: idSchema.nullable(),
  lines: z.array(orderLineSchema).min(1),
  couponCode: appliedCouponCodeSchema.nullable(),
  pricing: orderPricingSchema,
  shippingAddress: shippingAddressSchema,
  shippingOption: shippingOptionSchema,
  paymentToken: paymentTokenSchema,
  cardLast4: cardLast4Schema,
});

export const orderConfirmedSchema = event('OrderConfirmed', { paymentId: idSchema });
export const orderRejectedSchema = event('OrderRejected', { reason: rejectionReasonSchema, details: z.string().nullable() });
export const orderProcessingStartedSchema = event('OrderProcessingStarted', {});
export const orderShippedSchema = event('OrderShipped', { carrier: z.string().min(1), trackingNumber: z.string().min(1) });
export const orderDeliveredSchema = event('OrderDelivered', {});
export const orderCompletedSchema = event('OrderCompleted', {});
export const orderCancelledSchema = event('OrderCancelled', { reason: reasonSchema, by: cancelledBySchema });

/** Moves the order to REFUND_PENDING; the saga refunds (or voids) `amount` on `paymentId`. */
export const orderRefundRequestedSchema = event('OrderRefundRequested', {
  paymentId: idSchema,
  amount: moneySchema,
  reason: z.enum(['CANCELLATION', 'RETURN']),
});

export const returnRequestedSchema = event('ReturnRequested', { lines: z.array(returnLineSchema).min(1), reason: reasonSchema });
export const returnApprovedSchema = event('ReturnApproved', {});
export const returnRejectedSchema = event('ReturnRejected', { reason: reasonSchema });
export const returnReceivedSchema = event('ReturnReceived', { lines: z.array(returnLineSchema).min(1) });

/** `refundedTotal` is the running sum after this refund, so that readers need not add them up. */
export const orderRefundedSchema = event('OrderRefunded', {
  paymentId: idSchema,
  refundId: idSchema,
  amount: moneySchema,
  refundedTotal: moneySchema,
});

export const orderEventSchema = z.discriminatedUnion('type', [
  orderPlacedSchema,
  orderConfirmedSchema,
  orderRejectedSchema,
  orderProcessingStartedSchema,
  orderShippedSchema,
  orderDeliveredSchema,
  orderCompletedSchema,
  orderCancelledSchema,
  orderRefundRequestedSchema,
  returnRequestedSchema,
  returnApprovedSchema,
  returnRejectedSchema,
  returnReceivedSchema,
  orderRefundedSchema,
]);

export type OrderPlaced = z.infer<typeof orderPlacedSchema>;
export type OrderConfirmed = z.infer<typeof orderConfirmedSchema>;
export type OrderRejected = z.infer<typeof orderRejectedSchema>;
export type OrderProcessingStarted = z.infer<typeof orderProcessingStartedSchema>;
export type OrderShipped = z.infer<typeof orderShippedSchema>;
export type OrderDelivered = z.infer<typeof orderDeliveredSchema>;
export type OrderCompleted = z.infer<typeof orderCompletedSchema>;
export type OrderCancelled = z.infer<typeof orderCancelledSchema>;
export type OrderRefundRequested = z.infer<typeof orderRefundRequestedSchema>;
export type ReturnRequested = z.infer<typeof returnRequestedSchema>;
export type ReturnApproved = z.infer<typeof returnApprovedSchema>;
export type ReturnRejected = z.infer<typeof returnRejectedSchema>;
export type ReturnReceived = z.infer<typeof returnReceivedSchema>;
export type OrderRefunded = z.infer<typeof orderRefundedSchema>;
export type OrderEvent = z.infer<typeof orderEventSchema>;
