import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  eventTypeFilter,
  excludeSystemEvents,
  jsonEvent,
  streamNameFilter,
  type AppendExpectedRevision,
  type EventData as EsdbEventData,
  type Filter,
  type JSONType,
  type Position as EsdbPosition,
} from '@eventstore/db-client';
import type { EventData, EventMetadata, ExpectedRevision, Position, ReadAllFilter, RecordedEvent } from '../types.js';

/**
 * Translation between the port's types and @eventstore/db-client's (6.2.1): kept free of I/O so the
 * store itself reads as the sequence of calls it makes.
 */

export function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return expected;
  }
}

/** A JSON event with the caller's id (ESDB's idempotency key), written the way the SQL stores write it. */
export function toEsdbEvent(event: EventData): EsdbEventData {
  return jsonEvent({
    id: event.id,
    type: event.type,
    // The client only JSON.stringify-s `data`; its JSONType leaves out numbers, booleans and null,
    // which are valid JSON documents all the same. `undefined` would stringify to nothing at all.
    data: (event.data === undefined ? null : event.data) as JSONType,
    metadata: event.metadata ?? {},
  });
}

/** The fields this adapter reads from the client's `RecordedEvent` (stream reads and $all reads alike). */
export interface EsdbRecordedEvent {
  readonly id: string;
  readonly type: string;
  readonly streamId: string;
  readonly revision: bigint;
  readonly created: Date;
  readonly data: unknown;
  readonly metadata?: unknown;
  readonly position?: EsdbPosition | undefined;
}

/** The same envelope `toRecordedEvent` in ../sql/event-rows.ts builds from a row. */
export function toRecordedEvent(event: EsdbRecordedEvent): RecordedEvent {
  return {
    id: event.id,
    type: event.type,
    data: event.data,
    metadata: parseMetadata(event.metadata),
    streamName: event.streamId,
    revision: event.revision,
    position: positionOf(event),
    recordedAt: event.created,
  };
}

export function positionOf(event: EsdbRecordedEvent): Position {
  if (!event.position) {
    throw new Error(
      `EventStoreDB returned event ${event.id} of ${event.streamId} without a position: the esdb adapter needs a server of version 22.6 or later`,
    );
  }
  return { commit: event.position.commit, prepare: event.position.prepare };
}

/**
 * The client hands metadata over already parsed when it is JSON, as the raw bytes when it is not,
 * and as `undefined` when the event has none. The port always has an object.
 */
export function parseMetadata(metadata: unknown): EventMetadata {
  if (metadata instanceof Uint8Array) {
    if (metadata.length === 0) return {};
    try {
      return parseMetadata(JSON.parse(new TextDecoder().decode(metadata)));
    } catch {
      return {};
    }
  }
  return isPlainObject(metadata) ? (metadata as EventMetadata) : {};
}

function isPlainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

/** `$`-prefixed types are EventStoreDB's own records ($metadata, $statsCollected, links `$>`, ...). */
export function isSystemEvent(event: { readonly type: string }): boolean {
  return event.type.startsWith('$');
}

/** `inventory-SKU-1` → `inventory`; `undefined` for names that are not `category-id`. */
function categoryOfStream(streamName: string): string | undefined {
  const dash = streamName.indexOf('-');
  return dash <= 0 ? undefined : streamName.slice(0, dash);
}

export interface CompiledFilter {
  /**
   * What EventStoreDB can filter on server side. One dimension only: a server filter is either on
   * stream names or on event types, so with both given the categories go to the server and the
   * types are checked here.
   */
  readonly server: Filter;
  /** An empty list of categories or of types matches no event (as `= ANY('{}')` does in SQL). */
  readonly matchesNothing: boolean;
  /** The exact check, always applied client side: server prefixes are only a pre-filter. */
  accepts(event: { readonly type: string; readonly streamId: string }): boolean;
}

export function compileFilter(filter: ReadAllFilter | undefined): CompiledFilter {
  const categories = filter?.categories ? new Set(filter.categories) : undefined;
  const types = filter?.eventTypes ? new Set(filter.eventTypes) : undefined;
  const matchesNothing = categories?.size === 0 || types?.size === 0;
  const server =
    categories && categories.size > 0
      ? streamNameFilter({ prefixes: [...categories].map((category) => `${category}-`) })
      : types && types.size > 0
        ? // A prefix filter: `Kept` also lets `KeptAgain` through, hence the exact check in `accepts`.
          eventTypeFilter({ prefixes: [...types] })
        : excludeSystemEvents();
  return {
    server,
    matchesNothing,
    accepts(event) {
      if (matchesNothing || isSystemEvent(event)) return false;
      if (categories) {
        const category = categoryOfStream(event.streamId);
        if (category === undefined || !categories.has(category)) return false;
      }
      return !types || types.has(event.type);
    },
  };
}
