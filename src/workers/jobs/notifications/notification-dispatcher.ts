import type { ProcessManager } from '../../../commands/process-managers/process-manager-runner.js';
import type { RecordedEvent } from '../../../eventstore/types.js';
import { notifiedEventTypes, type NotificationRequest } from './notification-request.js';

export interface NotificationDispatcherOptions {
  readonly now?: () => Date;
  /**
   * Events older than this notify nobody (default a day): news that late is noise, and a first
   * start over a long history must not mail every customer about every order they ever placed.
   */
  readonly maxAgeMs?: number;
}

/**
 * Turns the events someone should hear about into send-notification jobs, one per event (the job
 * id is the event's), so that a re-delivered event sends nothing twice and a mail server outage is
 * retried by the queue instead of holding up this subscription.
 */
export function createNotificationDispatcher(
  enqueue: (request: NotificationRequest) => Promise<unknown>,
  options: NotificationDispatcherOptions = {},
): ProcessManager {
  const now = options.now ?? (() => new Date());
  const maxAge = options.maxAgeMs ?? 24 * 3_600_000;
  return {
    name: 'notification-dispatcher',
    filter: { categories: ['order', 'inventory'], eventTypes: [...notifiedEventTypes] },
    async handle(event: RecordedEvent) {
      if (event.recordedAt.getTime() < now().getTime() - maxAge) return;
      await enqueue({
        eventId: event.id,
        type: event.type as NotificationRequest['type'],
        streamName: event.streamName,
        data: event.data as Record<string, unknown>,
      });
    },
  };
}
