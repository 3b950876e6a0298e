import type { EventMetadata } from '../types.js';

/**
 * Turns one event type's data from schema version `fromVersion` into `fromVersion + 1`. Pure, and
 * it sees only the event itself: an upcaster cannot look at other events or the clock, so a field
 * added to an event must be derivable from the old event or given a stated default.
 *
 * `From = never` lets a typed function `(data: V1Data) => V2Data` stand in a list of upcasters of
 * many types; the registry only ever hands it data of the type and version it declared.
 */
export interface Upcaster<From = never, To = unknown> {
  readonly eventType: string;
  readonly fromVersion: number;
  readonly upcast: (data: From) => To;
}

/** What an upcaster reads and writes: the parts of an envelope a schema version governs. */
interface Versioned {
  readonly type: string;
  readonly data: unknown;
  readonly metadata?: EventMetadata;
}

export interface UpcasterRegistry {
  /** The schema version code writes today for this type: 1 for every type without upcasters. */
  currentVersion(eventType: string): number;
  /** Whether any event of this type may need upcasting (cheap pre-check on hot read paths). */
  knows(eventType: string): boolean;
  /**
   * The event in its current schema. Events already current, of unknown types, or of a version
   * newer than this code knows (written by a newer process during a rolling deploy) come back
   * unchanged: nothing can be downcast, and failing every read of them would be worse.
   */
  upcast<E extends Versioned>(event: E): E;
}

export class InvalidUpcasterChainError extends Error {
  override readonly name = 'InvalidUpcasterChainError';
}

/** Events written before versions were recorded carry none: they are version 1. */
export const versionOf = (metadata: EventMetadata | undefined): number =>
  typeof metadata?.schemaVersion === 'number' && Number.isSafeInteger(metadata.schemaVersion) && metadata.schemaVersion >= 1
    ? metadata.schemaVersion
    : 1;

/**
 * Checks at start-up that each type's upcasters form one unbroken chain 1 → 2 → … → current, so
 * that a gap or a duplicate is a boot failure rather than a wrong read months later.
 */
export function createUpcasterRegistry(upcasters: readonly Upcaster[]): UpcasterRegistry {
  const chains = new Map<string, Upcaster[]>();
  for (const upcaster of upcasters) {
    const chain = chains.get(upcaster.eventType) ?? [];
    chain.push(upcaster);
    chains.set(upcaster.eventType, chain);
  }
  for (const [eventType, chain] of chains) {
    chain.sort((a, b) => a.fromVersion - b.fromVersion);
    chain.forEach((upcaster, index) => {
      if (upcaster.fromVersion !== index + 1) {
        throw new InvalidUpcasterChainError(
          `upcasters of ${eventType} must go 1 → 2 → …: found from-versions ${chain.map((u) => u.fromVersion).join(', ')}`,
        );
      }
    });
  }

  const currentVersion = (eventType: string) => (chains.get(eventType)?.length ?? 0) + 1;

  function upcast<E extends Versioned>(event: E): E {
    const chain = chains.get(event.type);
    if (chain === undefined) return event;
    const from = versionOf(event.metadata);
    if (from > chain.length) return event;
    let data = event.data;
    for (let version = from; version <= chain.length; version++) data = chain[version - 1]!.upcast(data as never);
    // `upcastFrom` keeps what was stored visible to whoever inspects the event (the history table, an export).
    return { ...event, data, metadata: { ...event.metadata, schemaVersion: chain.length + 1, upcastFrom: from } };
  }

  return { currentVersion, knows: (eventType) => chains.has(eventType), upcast };
}
