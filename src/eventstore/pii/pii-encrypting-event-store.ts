import type { EventData, EventStore, RecordedEvent, Subscription } from '../types.js';
import type { CustomerKey, CustomerKeyStore } from './customer-key-store.js';
import { isSealed, open, seal } from './sealed-box.js';

export interface PiiEncryptionOptions {
  readonly keys: CustomerKeyStore;
  /** Per event type, the top-level `data` fields that are PII: the domain's `customerPiiFields`. */
  readonly piiFields: Readonly<Record<string, readonly string[]>>;
  /** Streams of this category are encrypted, keyed by their id (`customer-<id>`). */
  readonly category?: string;
}

/** A sealed field whose customer has no key row at all: a misconfigured key store, never an erasure. */
export class PiiKeyMissingError extends Error {
  override readonly name = 'PiiKeyMissingError';
  constructor(readonly customerId: string) {
    super(`no data key (not even a destroyed one) for customer ${customerId}: is the key store the one these events were written with?`);
  }
}

const PREFIX = 'pii';
/** The domain's ERASED marker (src/domain/customer/erasure.ts): what a field of a destroyed key reads as. */
const ERASED = null;

type Data = Record<string, unknown>;
const isData = (value: unknown): value is Data => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Crypto-shredding as an EventStore decorator. On append, the PII fields of events in `customer-*`
 * streams are sealed with that customer's data key (AES-256-GCM, `pii:v1:…` strings); on every read
 * path they are opened again. Once the key is destroyed the same events still read, every PII field
 * as ERASED (null): erasure without rewriting history. Other categories pass through untouched.
 *
 * The store's guarantees hold because only field values change. Concurrency checks and revisions
 * are the inner store's. Idempotent re-appends too: sealing uses a fresh random IV, so a re-sent event
 * carries different ciphertext, but stores deduplicate by event id and never compare data, so the
 * first ciphertext stays and the repeat is answered as before.
 */
export function withPiiEncryption(store: EventStore, options: PiiEncryptionOptions): EventStore {
  const { keys, piiFields } = options;
  const streamPrefix = `${options.category ?? 'customer'}-`;

  const ownerOf = (streamName: string): string | undefined =>
    streamName.startsWith(streamPrefix) && streamName.length > streamPrefix.length ? streamName.slice(streamPrefix.length) : undefined;
  // The customer and field are the associated data: a sealed value moved elsewhere fails to open.
  const aad = (customerId: string, field: string) => `${PREFIX}/${customerId}/${field}`;

  /** The PII fields of this event that hold a value (absent and already-erased ones have nothing to hide). */
  function presentPiiFields(type: string, data: unknown): readonly string[] {
    const fields = piiFields[type];
    if (!fields || fields.length === 0 || !isData(data)) return [];
    return fields.filter((field) => data[field] !== undefined && data[field] !== null);
  }

  function sealEvent(event: EventData, customerId: string, key: Buffer): EventData {
    const fields = presentPiiFields(event.type, event.data);
    if (fields.length === 0) return event;
    const data: Data = { ...(event.data as Data) };
    for (const field of fields) data[field] = seal(PREFIX, key, JSON.stringify(data[field]), aad(customerId, field));
    return { ...event, data };
  }

  function openEvent(event: RecordedEvent, key: CustomerKey | undefined): RecordedEvent {
    const customerId = ownerOf(event.streamName);
    if (customerId === undefined || !isData(event.data)) return event;
    const sealed = presentPiiFields(event.type, event.data).filter((field) => isSealed(PREFIX, (event.data as Data)[field]));
    if (sealed.length === 0) return event; // also plaintext written before encryption was switched on
    if (key === undefined) throw new PiiKeyMissingError(customerId);
    const data: Data = { ...event.data };
    for (const field of sealed) {
      data[field] =
        key.state === 'destroyed'
          ? ERASED
          : (JSON.parse(open(PREFIX, key.key, data[field] as string, aad(customerId, field)).toString('utf8')) as unknown);
    }
    return { ...event, data };
  }

  /** One key look-up for the whole page, however many customers it spans. */
  async function openAll(events: RecordedEvent[]): Promise<RecordedEvent[]> {
    const owners = new Set<string>();
    for (const event of events) {
      const owner = ownerOf(event.streamName);
      if (owner !== undefined && presentPiiFields(event.type, event.data).length > 0) owners.add(owner);
    }
    if (owners.size === 0) return events;
    const found = await keys.keysForReading([...owners]);
    return events.map((event) => openEvent(event, found.get(ownerOf(event.streamName) ?? '')));
  }

  function openSubscription(inner: Subscription): Subscription {
    async function* opened(): AsyncGenerator<RecordedEvent> {
      for await (const event of inner) yield (await openAll([event]))[0]!;
    }
    const iterator = opened();
    return { stop: () => inner.stop(), [Symbol.asyncIterator]: () => iterator };
  }

  return {
    kind: store.kind,
    async appendToStream(streamName, events, appendOptions) {
      const customerId = ownerOf(streamName);
      if (customerId === undefined || events.every((e) => presentPiiFields(e.type, e.data).length === 0)) {
        return store.appendToStream(streamName, events, appendOptions);
      }
      const key = await keys.keyForWriting(customerId);
      return store.appendToStream(streamName, events.map((event) => sealEvent(event, customerId, key)), appendOptions);
    },
    readStream: async (streamName, readOptions) => openAll(await store.readStream(streamName, readOptions)),
    readAll: async (readOptions) => openAll(await store.readAll(readOptions)),
    subscribe: (subscribeOptions) => openSubscription(store.subscribe(subscribeOptions)),
    headPosition: () => store.headPosition(),
    close: () => store.close(),
  };
}
