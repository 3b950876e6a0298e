import { createHash } from 'node:crypto';
import { uuidFromName } from '../event-ids.js';

/**
 * Every id the checkout saga uses is derived from the order id, so a saga that restarts after a
 * crash addresses the same reservations, the same payment and the same gateway idempotency keys.
 */
export const checkoutIds = {
  paymentId: (orderId: string) => uuidFromName(`${orderId}/payment`),
  reservationId: (orderId: string, sku: string) => uuidFromName(`${orderId}/reservation/${sku}`),
  redemptionId: (orderId: string) => uuidFromName(`${orderId}/coupon`),
  gatewayKey: (orderId: string, operation: 'authorize' | 'capture' | 'void' | 'refund') => `${orderId}/${operation}`,
  commandId: (orderId: string, step: string, subject = '') => `${orderId}/checkout/${step}/${subject}`,
};

/** A guest's coupon usage is counted by a hash of the email: the coupon stream holds no PII. */
export function guestCustomerKey(email: string): string {
  return `guest-${createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 40)}`;
}
