import type { ExpiryRequest } from '../../commands/reservation-expiry/reservation-expiry-scheduler.js';
import { publicJobId } from '../job-ids.js';
import type { JobOptions, JobQueues } from '../job-queue.js';
import { jobKind, type JobKindName, type JobSettings } from './job-catalogue.js';
import type { NotificationRequest } from './notifications/notification-request.js';

/** Enqueues each kind of job with its catalogue settings; every call answers the job's public id. */
export interface JobProducers {
  /** One per order: a second call while the job exists (or sits in dead letters) is a no-op. */
  authorizePayment(request: { readonly orderId: string; readonly paymentId: string }): Promise<string>;
  capturePayment(orderId: string): Promise<string>;
  /** Delayed until the reservation's deadline. */
  expireReservation(request: ExpiryRequest): Promise<string>;
  sendNotification(request: NotificationRequest): Promise<string>;
  rebuildProjection(projection: string): Promise<string>;
}

export function createJobProducers(queues: JobQueues, settings: JobSettings = {}): JobProducers {
  async function enqueue(kindName: JobKindName, data: unknown, options: JobOptions = {}): Promise<string> {
    const kind = jobKind(kindName, settings);
    const id = await queues.queue(kind.queue).add(kind.name, data, { attempts: kind.attempts, backoffMs: kind.backoffMs, ...options });
    return publicJobId(kind.queue, id);
  }
  return {
    authorizePayment: (request) => enqueue('authorizePayment', request, { jobId: `authorize.${request.orderId}` }),
    capturePayment: (orderId) => enqueue('capturePayment', { orderId }, { jobId: `capture.${orderId}` }),
    expireReservation: (request) =>
      enqueue('expireReservation', { sku: request.sku, reservationId: request.reservationId }, {
        jobId: `expire.${request.eventId}`,
        delayMs: Math.max(0, Date.parse(request.expiresAt) - Date.now()),
      }),
    sendNotification: (request) => enqueue('sendNotification', request, { jobId: `notify.${request.eventId}` }),
    rebuildProjection: (projection) => enqueue('rebuildProjection', { projection }),
  };
}
