/**
 * The event store port: what the command side and the projections need from any store.
 * Semantics follow EventStoreDB so that the `esdb` adapter is a thin translation and the
 * SQL adapters can be checked against the same contract suite.
 */

/** `bigint` is the revision of the stream's last event (the first event has revision 0n). */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

/**
 * A place in the global log ($all). Two numbers, compared in order, like EventStoreDB's
 * commit/prepare pair. In the SQL stores `commit` is the appending transaction's id (xid8) and
 * `prepare` the event's sequence number: ordering by the pair, and reading only transactions below
 * the oldest running one, is what keeps a reader from skipping a late-committing append.
 */
export interface Position {
  readonly commit: bigint;
  readonly prepare: bigint;
}

export interface EventMetadata {
  readonly correlationId?: string;
  readonly causationId?: string;
  readonly userId?: string;
  readonly schemaVersion?: number;
  readonly [key: string]: unknown;
}

export interface EventData<Type extends string = string, Data = unknown> {
  /** A uuid. Re-appending an event with the same id to the same stream writes nothing. */
  readonly id: string;
  readonly type: Type;
  readonly data: Data;
  readonly metadata?: EventMetadata;
}

export interface RecordedEvent<Type extends string = string, Data = unknown> {
  readonly id: string;
  readonly type: Type;
  readonly data: Data;
  readonly metadata: EventMetadata;
  readonly streamName: string;
  readonly revision: bigint;
  readonly position: Position;
  readonly recordedAt: Date;
}

export interface AppendOptions {
  readonly expectedRevision?: ExpectedRevision;
}

export interface AppendResult {
  /** The revision of the last event in the stream after this append. */
  readonly nextExpectedRevision: bigint;
  /** The global position of the last event this append wrote (or had written before, for a repeat). */
  readonly position: Position;
}

export type Direction = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  /** Inclusive. Defaults to the start (forwards) or the end (backwards). */
  readonly fromRevision?: bigint | 'start' | 'end';
  readonly direction?: Direction;
  readonly maxCount?: number;
}

export interface ReadAllFilter {
  /** Stream categories: the part of the stream name before the first `-`. */
  readonly categories?: readonly string[];
  readonly eventTypes?: readonly string[];
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. Omit to read from the beginning. */
  readonly after?: Position;
  readonly filter?: ReadAllFilter;
  readonly maxCount?: number;
}

export interface SubscribeOptions {
  /** Exclusive checkpoint: the position of the last event the subscriber handled. */
  readonly after?: Position;
  readonly filter?: ReadAllFilter;
  /** How many events one catch-up read fetches. */
  readonly batchSize?: number;
  readonly signal?: AbortSignal;
}

/** Catches up from the checkpoint, then goes live. Stop it with `stop()` or the abort signal. */
export interface Subscription extends AsyncIterable<RecordedEvent> {
  stop(): Promise<void>;
}

export interface EventStore {
  readonly kind: 'postgres' | 'pglite' | 'esdb';
  appendToStream(streamName: string, events: readonly EventData[], options?: AppendOptions): Promise<AppendResult>;
  /** Reads a stream. A missing stream reads as empty (`[]`), not as an error. */
  readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  subscribe(options?: SubscribeOptions): Subscription;
  /** The position of the newest event a reader may see now (`undefined` when the log is empty). */
  headPosition(): Promise<Position | undefined>;
  close(): Promise<void>;
}
