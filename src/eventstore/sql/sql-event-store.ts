import { EventEmitter } from 'node:events';
import { sql, type Kysely, type RawBuilder } from 'kysely';
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
import { EVENT_COLUMNS, toRecordedEvent, type EventRow } from './event-rows.js';

interface AppendRow {
  status: 'ok' | 'conflict' | 'duplicate' | 'partial_duplicate';
  actual_revision: string | null;
  last_revision: string | null;
  tx: string | null;
  last_position: string | null;
}

export interface SqlEventStoreOptions {
  readonly kind: 'postgres' | 'pglite';
  /** How often a live subscription looks for events written by other processes. */
  readonly pollIntervalMs?: number;
  /** Called by `close()`, after subscriptions have stopped: the adapter ends its pool or instance. */
  readonly onClose: () => Promise<void>;
}

const UNIQUE_VIOLATION = '23505';
const DEFAULT_MAX_COUNT = 1_000;

/**
 * The event store on PostgreSQL's SQL, shared by the `postgres` (pg) and `pglite` adapters:
 * they differ only in how the Kysely instance reaches the database.
 */
export function createSqlEventStore(db: Kysely<unknown>, options: SqlEventStoreOptions): EventStore {
  // Wakes this process's live subscriptions as soon as one of its own appends commits.
  const appended = new EventEmitter();
  appended.setMaxListeners(0);
  const subscriptions = new Set<Subscription>();

  async function appendToStream(streamName: string, events: readonly EventData[], appendOptions?: AppendOptions): Promise<AppendResult> {
    const expected = appendOptions?.expectedRevision ?? 'any';
    const category = categoryOf(streamName);
    if (events.length === 0) return checkRevisionOnly(streamName, expected);
    const payload = JSON.stringify(
      events.map((e) => ({ id: e.id, type: e.type, data: e.data, metadata: e.metadata ?? {} })),
    );
    const row = await callAppend(streamName, category, expected, payload);
    switch (row.status) {
      case 'ok':
      case 'duplicate': {
        appended.emit('appended');
        return {
          nextExpectedRevision: BigInt(row.last_revision!),
          position: { commit: BigInt(row.tx!), prepare: BigInt(row.last_position!) },
        };
      }
      case 'conflict':
        throw new WrongExpectedRevisionError(
          streamName,
          expected,
          row.actual_revision === null ? 'no_stream' : BigInt(row.actual_revision),
        );
      case 'partial_duplicate':
        throw new PartialDuplicateAppendError(streamName, events.map((e) => e.id));
    }
  }

  async function callAppend(streamName: string, category: string, expected: ExpectedRevision, payload: string): Promise<AppendRow> {
    const query = sql<AppendRow>`
      SELECT status, actual_revision::text AS actual_revision, last_revision::text AS last_revision, tx,
             last_position::text AS last_position
      FROM append_to_stream(${streamName}, ${category}, ${String(expected)}, ${payload}::jsonb)`;
    try {
      return (await query.execute(db)).rows[0]!;
    } catch (error) {
      // Two copies of one append raced past the duplicate check: the loser asks again and
      // now finds the winner's events, answering as a repeat.
      if (isUniqueViolation(error)) return (await query.execute(db)).rows[0]!;
      throw error;
    }
  }

  async function checkRevisionOnly(streamName: string, expected: ExpectedRevision): Promise<AppendResult> {
    const result = await sql<{ revision: string }>`
      SELECT revision::text AS revision FROM streams WHERE stream_name = ${streamName}`.execute(db);
    const actual = result.rows[0] ? BigInt(result.rows[0].revision) : 'no_stream';
    const ok =
      expected === 'any' ||
      (expected === 'no_stream' && actual === 'no_stream') ||
      (expected === 'stream_exists' && actual !== 'no_stream') ||
      (typeof expected === 'bigint' && actual === expected);
    if (!ok) throw new WrongExpectedRevisionError(streamName, expected, actual);
    const head = await headPosition();
    return { nextExpectedRevision: actual === 'no_stream' ? -1n : actual, position: head ?? { commit: 0n, prepare: 0n } };
  }

  async function readStream(streamName: string, readOptions?: ReadStreamOptions): Promise<RecordedEvent[]> {
    const direction = readOptions?.direction ?? 'forwards';
    const limit = readOptions?.maxCount ?? Number.MAX_SAFE_INTEGER;
    if (limit <= 0) return [];
    const from = readOptions?.fromRevision;
    const bound =
      from === undefined || from === 'start' || from === 'end'
        ? sql``
        : direction === 'forwards'
          ? sql`AND e.revision >= ${from.toString()}::bigint`
          : sql`AND e.revision <= ${from.toString()}::bigint`;
    if (direction === 'forwards' && from === 'end') return [];
    if (direction === 'backwards' && from === 'start') {
      // Backwards from the start is at most the first event.
      return readStream(streamName, { fromRevision: 0n, direction, maxCount: Math.min(limit, 1) });
    }
    const order = direction === 'forwards' ? sql`ASC` : sql`DESC`;
    const result = await sql<EventRow>`
      SELECT ${sql.raw(EVENT_COLUMNS)} FROM events e
      WHERE e.stream_name = ${streamName} ${bound}
      ORDER BY e.revision ${order}
      LIMIT ${limit}`.execute(db);
    return result.rows.map(toRecordedEvent);
  }

  async function readAll(readOptions?: ReadAllOptions): Promise<RecordedEvent[]> {
    const after = readOptions?.after ?? { commit: 0n, prepare: 0n };
    const limit = readOptions?.maxCount ?? DEFAULT_MAX_COUNT;
    if (limit <= 0) return [];
    const categories = readOptions?.filter?.categories;
    const types = readOptions?.filter?.eventTypes;
    const typeFilter = types ? sql`AND e.event_type = ANY(${[...types]}::text[])` : sql``;
    // Only transactions older than every running one: nothing can commit below what we return.
    const page = (categoryFilter: RawBuilder<unknown>) => sql<EventRow>`
      SELECT ${sql.raw(EVENT_COLUMNS)} FROM events e
      WHERE (e.transaction_id, e.global_position) > (${after.commit.toString()}::xid8, ${after.prepare.toString()}::bigint)
        AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
        ${categoryFilter} ${typeFilter}
      ORDER BY e.transaction_id, e.global_position
      LIMIT ${limit}`;
    // `category = ANY(...)` would make the planner fetch every matching row and sort them, per page.
    // One ordered index range per category, merged, keeps a page's cost proportional to its size.
    let query;
    if (!categories) query = page(sql``);
    else if (categories.length === 1) query = page(sql`AND e.category = ${categories[0]}`);
    else {
      const ranges = categories.map((category) => sql`(${page(sql`AND e.category = ${category}`)})`);
      query = sql<EventRow>`
        SELECT * FROM (${sql.join(ranges, sql` UNION ALL `)}) merged
        ORDER BY merged.transaction_id::xid8, merged.global_position::bigint
        LIMIT ${limit}`;
    }
    const result = await query.execute(db);
    return result.rows.map(toRecordedEvent);
  }

  async function headPosition(): Promise<Position | undefined> {
    const result = await sql<{ transaction_id: string; global_position: string }>`
      SELECT e.transaction_id::text AS transaction_id, e.global_position::text AS global_position FROM events e
      WHERE e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
      ORDER BY e.transaction_id DESC, e.global_position DESC LIMIT 1`.execute(db);
    const row = result.rows[0];
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
