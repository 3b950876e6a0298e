import { z } from 'zod';

/** The events that notify someone: the buyer of an order, or the seller of a SKU running low. */
export const notifiedEventTypes = ['OrderConfirmed', 'OrderShipped', 'OrderRefunded', 'LowStockDetected'] as const;

/** A send-notification job's data: the event it is about (no personal data: the recipient is looked up when sending). */
export const notificationRequestSchema = z.object({
  eventId: z.string().min(1),
  type: z.enum(notifiedEventTypes),
  streamName: z.string().min(1),
  data: z.record(z.string(), z.unknown()),
});
export type NotificationRequest = z.infer<typeof notificationRequestSchema>;
