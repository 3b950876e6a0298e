import { z } from 'zod';

export const orderStatusSchema = z.enum([
  'PENDING',
  'CONFIRMED',
  'PROCESSING',
  'SHIPPED',
  'DELIVERED',
  'COMPLETED',
  'CANCELLED',
  'REFUND_PENDING',
  'REFUNDED',
  'RETURN_REQUESTED',
  'RETURN_APPROVED',
  'RETURN_RECEIVED',
  'REJECTED',
]);
export type OrderStatus = z.infer<typeof orderStatusSchema>;

/** `orderStatus.PENDING === 'PENDING'`: for readers who prefer a name to a string literal. */
export const orderStatus = orderStatusSchema.enum;
export const orderStatuses: readonly OrderStatus[] = orderStatusSchema.options;

/**
 * The whole life cycle in one table, so that `decide`, the property tests and anyone drawing
 * the diagram read the same rules. A status with no successors is final.
 */
export const orderTransitions: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  PENDING: ['CONFIRMED', 'REJECTED', 'CANCELLED'],
  CONFIRMED: ['PROCESSING', 'CANCELLED'],
  PROCESSING: ['SHIPPED', 'CANCELLED'],
  SHIPPED: ['DELIVERED'],
  DELIVERED: ['COMPLETED', 'RETURN_REQUESTED'],
  COMPLETED: ['RETURN_REQUESTED'],
  // A rejected return goes back to where the order was when the return was asked for.
  RETURN_REQUESTED: ['RETURN_APPROVED', 'DELIVERED', 'COMPLETED'],
  RETURN_APPROVED: ['RETURN_RECEIVED'],
  RETURN_RECEIVED: ['REFUND_PENDING'],
  // Paid orders go on to REFUND_PENDING; unpaid ones stop here.
  CANCELLED: ['REFUND_PENDING'],
  REFUND_PENDING: ['REFUNDED'],
  REFUNDED: [],
  REJECTED: [],
};

export const canTransition = (from: OrderStatus, to: OrderStatus): boolean => orderTransitions[from].includes(to);
