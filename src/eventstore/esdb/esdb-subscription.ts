import type { AllStreamResolvedEvent, AllStreamSubscription } from '@eventstore/db-client';
import { comparePositions } from '../position.js';
import type { Position, RecordedEvent, Subscription, SubscribeOptions } from '../types.js';
import { positionOf, toRecordedEvent, type CompiledFilter } from './esdb-mapping.js';

export interface EsdbSubscriptionOptions extends Omit<SubscribeOptions, 'filter'> {
  readonly filter: CompiledFilter;
  /**
   * Opens the client's catch-up subscription to $all (`client.subscribeToAll`) from a checkpoint,
   * or from the start. `highWaterMark` is how many events it may buffer before gRPC flow control
   * holds the server back.
   */
  readonly open: (from: Position | undefined, highWaterMark: number) => AllStreamSubscription;
  readonly onStop?: () => void;
}

/**
 * The port's `Subscription` on EventStoreDB's own catch-up subscription (catch up, then live, in
 * one gRPC call), rather than polling `readAll`.
 *
 * The client's subscription is a Readable that never ends by itself, and `unsubscribe()` cancels
 * the gRPC call without ending it either, so its own async iterator cannot be used to stop: this
 * reads it in paused mode (`read()` + `readable`) and lets `stop()` or the abort signal end the
 * iteration at once. The checkpoint is exclusive, which the server honours for $all subscriptions;
 * an event at or before it is skipped anyway, so that a resumed subscriber never sees one twice.
 */
export function esdbSubscription(options: EsdbSubscriptionOptions): Subscription {
  const highWaterMark = Math.max(1, options.batchSize ?? 1_000);
  let stopped = false;
  let stopping: Promise<void> | undefined;
  let source: AllStreamSubscription | undefined;
  let failed = false;
  let failure: unknown;
  let ended = false;
  let wake: (() => void) | undefined;
  const wakeUp = () => {
    const resolve = wake;
    wake = undefined;
    resolve?.();
  };
  const waitForWakeUp = () =>
    new Promise<void>((resolve) => {
      wake = resolve;
    });

  const onAbort = () => void stop();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) stopped = true;

  async function* events(): AsyncGenerator<RecordedEvent> {
    try {
      if (stopped) return;
      if (options.filter.matchesNothing) {
        // Nothing can match: no need to hold a subscription open on the server until stopped.
        while (!stopped) await waitForWakeUp();
        return;
      }
      let checkpoint = options.after;
      const subscription = options.open(checkpoint, highWaterMark);
      source = subscription;
      // These listeners stay for the stream's life: an `error` emitted without one would throw.
      subscription.on('readable', wakeUp);
      subscription.on('end', () => {
        ended = true;
        wakeUp();
      });
      subscription.on('error', (error: unknown) => {
        if (!failed) {
          failed = true;
          failure = error;
        }
        wakeUp();
      });
      while (!stopped) {
        const resolved = subscription.read() as AllStreamResolvedEvent | null;
        if (resolved !== null) {
          const event = resolved.event;
          if (!event) continue;
          const position = positionOf(event);
          if (checkpoint && comparePositions(position, checkpoint) <= 0) continue;
          checkpoint = position;
          if (!options.filter.accepts(event)) continue;
          yield toRecordedEvent(event);
          continue;
        }
        if (failed) throw failure;
        if (ended || subscription.destroyed) {
          throw new Error('EventStoreDB ended the subscription to $all: resubscribe from the last checkpoint');
        }
        // `read()` returned null synchronously, and `readable` is only ever emitted on a later tick.
        await waitForWakeUp();
      }
    } finally {
      await stop();
    }
  }

  const iterator = events();

  function stop(): Promise<void> {
    if (stopping) return stopping;
    stopped = true;
    options.signal?.removeEventListener('abort', onAbort);
    wakeUp();
    options.onStop?.();
    stopping = (async () => {
      const subscription = source;
      if (!subscription) return;
      try {
        await subscription.unsubscribe();
      } catch {
        // The call failed to open or has already failed: there is nothing left to cancel.
      }
      subscription.destroy();
    })();
    return stopping;
  }

  return {
    stop,
    [Symbol.asyncIterator]: () => iterator,
  };
}
