import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type ReadPosition,
} from '@eventstore/db-client';
import { PartialDuplicateAppendError, WrongExpectedRevisionError } from '../errors.js';
import { comparePositions, startPosition } from '../position.js';
import { categoryOf } from '../stream-name.js';
import type {
  AppendOptions,
  AppendResult,
  EventData,
  EventStore,
  ExpectedRevision,
  Position,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  Subscription,
  SubscribeOptions,
} from '../types.js';
import {
  compileFilter,
  isSystemEvent,
  positionOf,
  toEsdbEvent,
  toEsdbExpectedRevision,
  toRecordedEvent,
} from './esdb-mapping.js';
import { esdbSubscription } from './esdb-subscription.js';

/** The part of the client this adapter calls (a narrow seam, so a test double can stand in). */
export type EsdbClient = Pick<EventStoreDBClient, 'appendToStream' | 'readStream' | 'readAll' | 'subscribeToAll' | 'dispose'>;

export type EsdbEventStoreConfig = (
  | {
      /** `esdb://localhost:2113?tls=false` for the docker compose node. */
      readonly connectionString: string;
    }
  | {
      /** A client made elsewhere. The store owns it from now on: `close()` disposes it. */
      readonly client: EsdbClient;
    }
) & {
  /**
   * How many events one page of `readAll` fetches from $all. The 6.2.1 client's `readAll` cannot
   * filter server side (it always sends "no filter"), so filtered reads page through $all and
   * filter here; subscriptions do filter on the server.
   */
  readonly readPageSize?: number;
  /** Read the head of $all once before returning, so a wrong URL fails here (default true). */
  readonly verifyConnection?: boolean;
};

const DEFAULT_MAX_COUNT = 1_000;
const DEFAULT_READ_PAGE_SIZE = 1_000;
const HEAD_PAGE_SIZE = 100;

/**
 * The event store on EventStoreDB / KurrentDB through @eventstore/db-client: a thin translation,
 * since the port follows EventStoreDB's semantics (expected revisions, idempotency by event id,
 * commit/prepare positions, catch-up subscriptions to $all).
 */
export async function createEsdbEventStore(config: EsdbEventStoreConfig): Promise<EventStore> {
  const client: EsdbClient = 'client' in config ? config.client : EventStoreDBClient.connectionString(config.connectionString);
  const readPageSize = Math.max(2, config.readPageSize ?? DEFAULT_READ_PAGE_SIZE);
  const subscriptions = new Set<Subscription>();

  async function appendToStream(streamName: string, events: readonly EventData[], options?: AppendOptions): Promise<AppendResult> {
    const expected = options?.expectedRevision ?? 'any';
    categoryOf(streamName);
    if (events.length === 0) return checkRevisionOnly(streamName, expected);
    let result;
    try {
      result = await client.appendToStream(streamName, events.map(toEsdbEvent), {
        expectedRevision: toEsdbExpectedRevision(expected),
      });
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) throw await conflict(streamName, expected, events, error.actualVersion);
      throw error;
    }
    if (!result.success) {
      // Only with `throwOnAppendFailure=false` in the connection string; ask for the real revision.
      throw await conflict(streamName, expected, events, await currentRevision(streamName));
    }
    return {
      nextExpectedRevision: result.nextExpectedRevision,
      // The position of the append's last event, and the same again for a repeat. Only a server
      // that reports no position (older than 22.6) costs a read.
      position: result.position
        ? { commit: result.position.commit, prepare: result.position.prepare }
        : await positionOfRevision(streamName, result.nextExpectedRevision),
    };
  }

  /**
   * EventStoreDB answers "wrong expected version" also when an append repeats some of its ids but
   * not all ("corrupted idempotency"). With `any` nothing else can conflict; with a revision it is
   * that case when the event after the expected revision is this append's first one.
   */
  async function conflict(
    streamName: string,
    expected: ExpectedRevision,
    events: readonly EventData[],
    actual: bigint | 'no_stream',
  ): Promise<Error> {
    const ids = events.map((e) => e.id);
    if (expected === 'any') return new PartialDuplicateAppendError(streamName, ids);
    if (actual !== 'no_stream' && (expected === 'no_stream' || typeof expected === 'bigint')) {
      const next = expected === 'no_stream' ? 0n : expected + 1n;
      if (next <= actual) {
        const [first] = await readStream(streamName, { fromRevision: next, maxCount: 1 });
        if (first?.id === ids[0]) return new PartialDuplicateAppendError(streamName, ids);
      }
    }
    return new WrongExpectedRevisionError(streamName, expected, actual);
  }

  async function currentRevision(streamName: string): Promise<bigint | 'no_stream'> {
    const [last] = await readStream(streamName, { direction: 'backwards', maxCount: 1 });
    return last ? last.revision : 'no_stream';
  }

  async function positionOfRevision(streamName: string, revision: bigint): Promise<Position> {
    const [event] = await readStream(streamName, { fromRevision: revision, maxCount: 1 });
    if (!event) throw new Error(`stream ${streamName}: revision ${revision} was just written but cannot be read`);
    return event.position;
  }

  /** An empty append writes nothing and only checks the revision, as the SQL stores do. */
  async function checkRevisionOnly(streamName: string, expected: ExpectedRevision): Promise<AppendResult> {
    const actual = await currentRevision(streamName);
    const ok =
      expected === 'any' ||
      (expected === 'no_stream' && actual === 'no_stream') ||
      (expected === 'stream_exists' && actual !== 'no_stream') ||
      (typeof expected === 'bigint' && actual === expected);
    if (!ok) throw new WrongExpectedRevisionError(streamName, expected, actual);
    return { nextExpectedRevision: actual === 'no_stream' ? -1n : actual, position: (await headPosition()) ?? startPosition };
  }

  async function readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    const direction = options?.direction ?? 'forwards';
    const limit = options?.maxCount ?? Number.MAX_SAFE_INTEGER;
    if (limit <= 0) return [];
    let from = options?.fromRevision ?? (direction === 'forwards' ? 'start' : 'end');
    let maxCount = limit;
    if (direction === 'forwards' && from === 'end') return [];
    if (direction === 'backwards' && from === 'start') {
      // Backwards from the start is at most the first event.
      from = 0n;
      maxCount = 1;
    }
    const events: RecordedEvent[] = [];
    try {
      const read = client.readStream(streamName, {
        fromRevision: from === 'start' ? START : from === 'end' ? END : from,
        direction: direction === 'forwards' ? FORWARDS : BACKWARDS,
        maxCount,
      });
      for await (const resolved of read) {
        if (resolved.event) events.push(toRecordedEvent(resolved.event));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  async function readAllPage(fromPosition: ReadPosition, direction: typeof FORWARDS | typeof BACKWARDS, maxCount: number) {
    const page: AllStreamResolvedEvent[] = [];
    for await (const resolved of client.readAll({ fromPosition, direction, maxCount })) page.push(resolved);
    return page;
  }

  async function readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    const limit = options?.maxCount ?? DEFAULT_MAX_COUNT;
    const filter = compileFilter(options?.filter);
    if (limit <= 0 || filter.matchesNothing) return [];
    // Unfiltered, one page usually is the answer (+1: a read from `after` starts with `after` itself).
    const pageSize = options?.filter ? readPageSize : Math.min(readPageSize, limit + 1);
    const events: RecordedEvent[] = [];
    // $all reads forwards from a position *include* the event there; `after` is exclusive.
    let cursor = options?.after;
    for (;;) {
      const page = await readAllPage(cursor ?? START, FORWARDS, pageSize);
      let advanced = false;
      for (const { event } of page) {
        if (!event) continue;
        const position = positionOf(event);
        if (cursor && comparePositions(position, cursor) <= 0) continue;
        cursor = position;
        advanced = true;
        if (!filter.accepts(event)) continue;
        events.push(toRecordedEvent(event));
        if (events.length === limit) return events;
      }
      if (page.length < pageSize || !advanced) return events;
    }
  }

  async function headPosition(): Promise<Position | undefined> {
    // Usually the last record is a user event; past system records ($statsCollected, ...) page on.
    let cursor: Position | undefined;
    let pageSize = 1;
    for (;;) {
      const page = await readAllPage(cursor ?? END, BACKWARDS, pageSize);
      let advanced = false;
      for (const { event } of page) {
        if (!event) continue;
        // Backwards from a position excludes it already; skipping it here costs nothing.
        const position = positionOf(event);
        if (cursor && comparePositions(position, cursor) >= 0) continue;
        if (!isSystemEvent(event)) return position;
        cursor = position;
        advanced = true;
      }
      if (page.length < pageSize || !advanced) return undefined;
      pageSize = HEAD_PAGE_SIZE;
    }
  }

  function subscribe(options?: SubscribeOptions): Subscription {
    const filter = compileFilter(options?.filter);
    const subscription = esdbSubscription({
      ...options,
      filter,
      open: (from, highWaterMark) =>
        client.subscribeToAll({ fromPosition: from ?? START, filter: filter.server }, { highWaterMark }),
      onStop: () => subscriptions.delete(subscription),
    });
    subscriptions.add(subscription);
    return subscription;
  }

  async function close(): Promise<void> {
    await Promise.all([...subscriptions].map((s) => s.stop()));
    await client.dispose();
  }

  if (config.verifyConnection ?? true) {
    try {
      await headPosition();
    } catch (error) {
      await client.dispose().catch(() => undefined);
      throw new Error(`cannot read $all from EventStoreDB: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }

  return { kind: 'esdb', appendToStream, readStream, readAll, subscribe, headPosition, close };
}
