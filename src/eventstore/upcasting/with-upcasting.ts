import type { EventData, EventStore, RecordedEvent, Subscription } from '../types.js';
import type { UpcasterRegistry } from './upcaster-registry.js';

/**
 * Schema evolution as an EventStore decorator, like `withPiiEncryption`: history is never
 * rewritten, every read path (`readStream`, `readAll`, `subscribe`) hands out events in their
 * current schema, so deciders, projections and sagas only ever know today's shape.
 *
 * On append, events of a type the registry knows are stamped with its current version: the
 * command side writes `schemaVersion: 1` for everything (src/commands/command-context.ts) and
 * only the registry knows which types have moved on. Write through this decorator only what
 * today's code produced; a copy of old history (`commerce replay`) goes to the undecorated store
 * so that its events keep the versions they were written with.
 *
 * Wrap it outside the PII decorator (`withUpcasting(withPiiEncryption(store, …), registry)`):
 * upcasters then see plaintext, and sealing still sees the fields it knows.
 */
export function withUpcasting(store: EventStore, registry: UpcasterRegistry): EventStore {
  const stamp = (event: EventData): EventData =>
    registry.knows(event.type) ? { ...event, metadata: { ...event.metadata, schemaVersion: registry.currentVersion(event.type) } } : event;

  // Most pages hold no event of a versioned type: hand the same array back without copying.
  const upcastAll = (events: RecordedEvent[]): RecordedEvent[] =>
    events.some((e) => registry.knows(e.type)) ? events.map((e) => registry.upcast(e)) : events;

  function upcastSubscription(inner: Subscription): Subscription {
    async function* upcasted(): AsyncGenerator<RecordedEvent> {
      for await (const event of inner) yield registry.upcast(event);
    }
    const iterator = upcasted();
    return { stop: () => inner.stop(), [Symbol.asyncIterator]: () => iterator };
  }

  return {
    kind: store.kind,
    appendToStream: (streamName, events, options) =>
      store.appendToStream(streamName, events.some((e) => registry.knows(e.type)) ? events.map(stamp) : events, options),
    readStream: async (streamName, options) => upcastAll(await store.readStream(streamName, options)),
    readAll: async (options) => upcastAll(await store.readAll(options)),
    subscribe: (options) => upcastSubscription(store.subscribe(options)),
    headPosition: () => store.headPosition(),
    close: () => store.close(),
  };
}
