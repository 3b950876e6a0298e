import type { Logger } from 'pino';
import type { JobHandler } from '../../job-queue.js';
import type { Mailer } from '../../mailer/mailer.js';
import { composeNotification, type ComposeDeps } from './compose-notification.js';
import { notificationRequestSchema } from './notification-request.js';

/** Composes the mail for one event and hands it to the mailer; a mailer error is retried by the queue. */
export function sendNotificationJob(deps: ComposeDeps & { readonly mailer: Mailer; readonly logger?: Logger }): JobHandler {
  return async (job) => {
    const request = notificationRequestSchema.parse(job.data);
    const message = await composeNotification(deps, request);
    if (!message) {
      deps.logger?.info({ eventId: request.eventId, type: request.type }, 'notification skipped: nobody to write to');
      return { sent: false, reason: 'no recipient' };
    }
    await deps.mailer.send(message);
    return { sent: true, via: deps.mailer.kind, kind: message.kind, messageId: message.id };
  };
}
