import { EventEmitter } from 'node:events';
import { PartialDuplicateAppendError, WrongExpectedRevisionError } from '../errors.js';
import { pollingSubscription } from '../polling-subscription.js';
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
import { appendStatements, failedAppendStatement, streamRevisionStatement } from './append-statements.js';
import { unpackEvent } from './event-rows.js';
import { headPositionStatement, readAllStatement, readStreamStatements, type PackedEvent } from './read-statements.js';
import type { SqlClient, SqlStatement } from './sql-client.js';

export interface SqlEventStoreOptions {
  readonly kind: 'postgres' | 'pglite';
  /** How often a live subscription looks for events written by other processes. */
  readonly pollIntervalMs?: number;
  /** Called by `close()`, after subscriptions have stopped: the adapter ends its pool or instance. */
  readonly onClose: () => Promise<void>;
}

interface InsertedRow {
  revision: string;
  global_position: string;
  transaction_id: string;
}

interface FailedAppendRow {
  revision: string | null;
  /** [stream_name, revision, global_position, transaction_id] of the append's ids already stored. */
  existing: [string, string, string, string][] | null;
}

const UNIQUE_VIOLATION = '23505';
const DEFAULT_MAX_COUNT = 1_000;
/** Concurrent `any` appends to one stream can pick the same next revision; the loser simply goes again. */
const ANY_RETRIES = 100;

/**
 * The event store on PostgreSQL's SQL, shared by the `postgres` (pg) and `pglite` adapters: they
 * differ only in the `SqlClient` that carries the statements to the database.
 */
export function createSqlEventStore(client: SqlClient, options: SqlEventStoreOptions): EventStore {
  // Wakes this process's live subscriptions as soon as one of its own appends commits.
  const appended = new EventEmitter();
  appended.setMaxListeners(0);
  const subscriptions = new Set<Subscription>();

  async function appendToStream(streamName: string, events: readonly EventData[], appendOptions?: AppendOptions): Promise<AppendResult> {
    const expected = appendOptions?.expectedRevision ?? 'any';
    const category = categoryOf(streamName);
    if (events.length === 0) return checkRevisionOnly(streamName, expected);
    const ids = events.map((e) => e.id);
    const single = events.length === 1 ? events[0]! : undefined;
    const values: unknown[] = single
      ? [streamName, category, single.id, single.type, JSON.stringify(single.data), JSON.stringify(single.metadata ?? {})]
      : [
          streamName,
          category,
          ids,
          events.map((e) => e.type),
          events.map((e) => JSON.stringify(e.data)),
          events.map((e) => JSON.stringify(e.metadata ?? {})),
        ];
    const statements = single ? appendStatements.single : appendStatements.many;
    const statement = typeof expected === 'bigint' ? statements.exact : statements[expected];
    if (typeof expected === 'bigint') values.push(expected.toString());

    for (let attempt = 1; ; attempt++) {
      const inserted = await insertOrConflict(statement, values);
      if (inserted && inserted.length === events.length) {
        appended.emit('appended');
        return resultOf(inserted);
      }
      // Off the fast path: a re-sent append, a lost race, or a wrong expectation.
      const [failure] = await client.query<FailedAppendRow>(failedAppendStatement, [streamName, ids]);
      const existing = failure?.existing ?? [];
      if (existing.length > 0) {
        if (existing.length !== ids.length || existing.some(([stream]) => stream !== streamName)) {
          throw new PartialDuplicateAppendError(streamName, ids);
        }
        return resultOf(existing.map(([, revision, position, transaction]) => ({ revision, global_position: position, transaction_id: transaction })));
      }
      if (expected === 'any' && attempt < ANY_RETRIES) continue;
      throw new WrongExpectedRevisionError(streamName, expected, failure?.revision == null ? 'no_stream' : BigInt(failure.revision));
    }
  }

  async function insertOrConflict(statement: SqlStatement, values: unknown[]): Promise<InsertedRow[] | undefined> {
    try {
      return await client.query<InsertedRow>(statement, values);
    } catch (error) {
      if (isUniqueViolation(error)) return undefined;
      throw error;
    }
  }

  function resultOf(rows: readonly InsertedRow[]): AppendResult {
    const last = rows.reduce((a, b) => (BigInt(a.revision) >= BigInt(b.revision) ? a : b));
    return {
      nextExpectedRevision: BigInt(last.revision),
      position: { commit: BigInt(last.transaction_id), prepare: BigInt(last.global_position) },
    };
  }

  async function currentRevision(streamName: string): Promise<bigint | 'no_stream'> {
    const [row] = await client.query<{ revision: string | null }>(streamRevisionStatement, [streamName]);
    return row?.revision == null ? 'no_stream' : BigInt(row.revision);
  }

  async function checkRevisionOnly(streamName: string, expected: ExpectedRevision): Promise<AppendResult> {
    const actual = await currentRevision(streamName);
    const ok =
      expected === 'any' ||
      (expected === 'no_stream' && actual === 'no_stream') ||
      (expected === 'stream_exists' && actual !== 'no_stream') ||
      (typeof expected === 'bigint' && actual === expected);
    if (!ok) throw new WrongExpectedRevisionError(streamName, expected, actual);
    const head = await headPosition();
    return { nextExpectedRevision: actual === 'no_stream' ? -1n : actual, position: head ?? { commit: 0n, prepare: 0n } };
  }

  async function readPage(statement: Parameters<SqlClient['query']>[0], values: readonly unknown[]): Promise<RecordedEvent[]> {
    const [row] = await client.query<{ page: PackedEvent[] }>(statement, values);
    return (row?.page ?? []).map(unpackEvent);
  }

  async function readStream(streamName: string, readOptions?: ReadStreamOptions): Promise<RecordedEvent[]> {
    const direction = readOptions?.direction ?? 'forwards';
    const limit = readOptions?.maxCount ?? Number.MAX_SAFE_INTEGER;
    const from = readOptions?.fromRevision;
    if (limit <= 0 || (direction === 'forwards' && from === 'end')) return [];
    const bound =
      direction === 'forwards'
        ? from === undefined || from === 'start' ? 0n : from
        : from === undefined || from === 'end' ? BigInt(Number.MAX_SAFE_INTEGER) : from === 'start' ? 0n : from;
    return readPage(readStreamStatements[direction], [streamName, bound.toString(), limit]);
  }

  async function readAll(readOptions?: ReadAllOptions): Promise<RecordedEvent[]> {
    const after = readOptions?.after ?? { commit: 0n, prepare: 0n };
    const limit = readOptions?.maxCount ?? DEFAULT_MAX_COUNT;
    if (limit <= 0) return [];
    const categories = readOptions?.filter?.categories ?? [];
    const types = readOptions?.filter?.eventTypes;
    return readPage(readAllStatement(categories.length), [
      after.commit.toString(),
      after.prepare.toString(),
      limit,
      types ? [...types] : null,
      ...categories,
    ]);
  }

  async function headPosition(): Promise<Position | undefined> {
    const [row] = await client.query<{ transaction_id: string; global_position: string }>(headPositionStatement, []);
    return row ? { commit: BigInt(row.transaction_id), prepare: BigInt(row.global_position) } : undefined;
  }

  function subscribe(subscribeOptions?: SubscribeOptions): Subscription {
    const subscription = pollingSubscription({
      readAll,
      wakeUps: appended,
      pollIntervalMs: options.pollIntervalMs ?? 100,
      ...subscribeOptions,
      onStop: () => subscriptions.delete(subscription),
    });
    subscriptions.add(subscription);
    return subscription;
  }

  async function close(): Promise<void> {
    await Promise.all([...subscriptions].map((s) => s.stop()));
    await options.onClose();
  }

  return { kind: options.kind, appendToStream, readStream, readAll, subscribe, headPosition, close };
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === UNIQUE_VIOLATION;
}
