import type { EventEmitter } from 'node:events';
import type { Position, ReadAllOptions, RecordedEvent, Subscription, SubscribeOptions } from './types.js';

export interface PollingSubscriptionOptions extends SubscribeOptions {
  readonly readAll: (options: ReadAllOptions) => Promise<RecordedEvent[]>;
  /** Emits `appended` when this process wrote: live subscribers read at once instead of at the next poll. */
  readonly wakeUps?: EventEmitter;
  readonly pollIntervalMs: number;
  readonly onStop?: () => void;
}

/**
 * Catch-up then live, on top of `readAll`: pages through the log from the checkpoint and, once a
 * page comes back short, waits for a wake-up or the poll interval. While the caller handles one
 * page the next is already being read, which is what lets a rebuild run at the store's read speed.
 */
export function pollingSubscription(options: PollingSubscriptionOptions): Subscription {
  const batchSize = options.batchSize ?? 1_000;
  let stopped = false;
  let wake: (() => void) | undefined;
  const stopWaiting = () => wake?.();

  const onAbort = () => void stop();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) stopped = true;

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        options.wakeUps?.off('appended', done);
        wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      options.wakeUps?.on('appended', done);
      wake = done;
    });
  }

  async function* events(): AsyncGenerator<RecordedEvent> {
    let after: Position | undefined = options.after;
    const read = (from: Position | undefined) =>
      options.readAll({ ...(from ? { after: from } : {}), maxCount: batchSize, ...(options.filter ? { filter: options.filter } : {}) });
    let pending: Promise<RecordedEvent[]> | undefined;
    try {
      while (!stopped) {
        const page = await (pending ?? read(after));
        pending = undefined;
        if (stopped) return;
        const last = page.at(-1);
        if (last) after = last.position;
        // A full page means more is waiting: read ahead while the caller works on this one.
        if (page.length === batchSize) pending = read(after);
        for (const event of page) {
          if (stopped) return;
          yield event;
        }
        if (page.length < batchSize) await sleep(options.pollIntervalMs);
      }
    } finally {
      // A read-ahead still in flight must not surface as an unhandled rejection after stop.
      pending?.catch(() => undefined);
    }
  }

  const iterator = events();

  async function stop(): Promise<void> {
    if (stopped) return;
    stopped = true;
    options.signal?.removeEventListener('abort', onAbort);
    stopWaiting();
    options.onStop?.();
  }

  return {
    stop,
    [Symbol.asyncIterator]: () => iterator,
  };
}
