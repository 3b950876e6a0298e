import type { Message } from '../domain/shared/index.js';
import type { EventStore, RecordedEvent } from '../eventstore/types.js';
import { readStreamPages } from './read-stream-pages.js';
import { stateToJson, type Json } from './state-json.js';
import { streamFoldFor, UnknownStreamCategoryError } from './stream-deciders.js';

/**
 * A point in a stream's life. `time`: every event recorded at or before it (the store's
 * `recordedAt`, which ascends with the revision within a stream). `revision`: every event up to
 * and including that revision (a revision past the end means the whole stream).
 */
export type AsOf = { readonly time: Date } | { readonly revision: bigint };

export interface StreamAsOfOptions {
  /** Keep only the newest N folded events in `events` (the state still folds them all). */
  readonly lastEvents?: number;
}

export interface StreamAsOf {
  readonly stream: string;
  /** The events folded, oldest first, as the store hands them out (upcast, PII opened, if it does). */
  readonly events: RecordedEvent[];
  /** The aggregate's state after those events, as JSON (see stateToJson). */
  readonly state: Json;
  /** The revision of the last event folded; -1n when none was (a missing stream, or a time before it began). */
  readonly revision: bigint;
}

/**
 * Time travel for one stream: folds it with its aggregate's `evolve` up to `asOf` (all of it when
 * omitted). Throws UnknownStreamCategoryError when no aggregate owns the stream's category.
 */
export async function streamAsOf(store: EventStore, stream: string, asOf?: AsOf, options: StreamAsOfOptions = {}): Promise<StreamAsOf> {
  const fold = streamFoldFor(stream);
  if (fold === undefined) throw new UnknownStreamCategoryError(stream);
  if (asOf !== undefined && 'revision' in asOf && asOf.revision < 0n) throw new RangeError('a revision is 0 or more');
  const includes = (event: RecordedEvent) =>
    asOf === undefined || ('revision' in asOf ? event.revision <= asOf.revision : event.recordedAt.getTime() <= asOf.time.getTime());
  const keep = options.lastEvents ?? Number.POSITIVE_INFINITY;

  let state = fold.initialState();
  let revision = -1n;
  let events: RecordedEvent[] = [];
  pages: for await (const page of readStreamPages(store, stream)) {
    for (const event of page) {
      if (!includes(event)) break pages;
      state = fold.evolve(state, { type: event.type, data: event.data } satisfies Message);
      revision = event.revision;
      events.push(event);
    }
    if (events.length > keep * 2) events = newest(events, keep);
  }
  return { stream, events: newest(events, keep), state: stateToJson(state), revision };
}

const newest = (events: RecordedEvent[], count: number): RecordedEvent[] =>
  count >= events.length ? events : count <= 0 ? [] : events.slice(-count);
