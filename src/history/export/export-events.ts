import { comparePositions } from '../../eventstore/position.js';
import type { EventStore, Position, ReadAllFilter, RecordedEvent } from '../../eventstore/types.js';

/** Which events an export holds. Every bound is optional; together they narrow (AND). */
export interface ExportFilter {
  /** Stream categories (`inventory`, `order`, …): any of them. */
  readonly categories?: readonly string[];
  /** Event types: any of them. */
  readonly eventTypes?: readonly string[];
  /** Recorded at or after this time. */
  readonly from?: Date;
  /** Recorded before this time. */
  readonly to?: Date;
  /** Exclusive: events strictly after this global position (a previous export's last, for an incremental one). */
  readonly after?: Position;
  /** Inclusive: events up to this global position. The head at the start when omitted, so an export always ends. */
  readonly until?: Position;
}

export interface ExportProgress {
  /** Events handed out so far. */
  readonly events: number;
  /** Where the scan has got to in the global log. */
  readonly position: Position;
}

export interface ExportReadOptions extends ExportFilter {
  /** Events per `readAll` page (default 2,000): memory is a couple of pages, whatever the log's size. */
  readonly pageSize?: number;
  /** Stops between pages; the generator then throws the signal's reason. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ExportProgress) => void;
}

export const DEFAULT_EXPORT_PAGE_SIZE = 2_000;

/**
 * The global log in order, filtered, a page at a time. Categories and types are filtered by the
 * store (an index range per category on the SQL stores); the time range is checked per event,
 * since the log has no time index (combine `from`/`to` with `after`/`until` to bound the scan of
 * a large log). While the caller writes one page out, the next is already being read.
 *
 * A hand-written iterator rather than an async generator: a suspended generator may keep the page
 * it yielded alive until it resumes, i.e. while the caller waits for its output to drain. Here
 * nothing but the read-ahead is held between pages: the live heap stays about 20 MB whatever the
 * log's size (bench/export.bench.ts); a process's peak RSS is that plus what V8 lets pile up.
 */
export function exportEventPages(store: EventStore, options: ExportReadOptions = {}): AsyncIterable<RecordedEvent[]> {
  return { [Symbol.asyncIterator]: () => pageIterator(store, options) };
}

function pageIterator(store: EventStore, options: ExportReadOptions): AsyncIterator<RecordedEvent[]> {
  const pageSize = options.pageSize ?? DEFAULT_EXPORT_PAGE_SIZE;
  const from = options.from?.getTime() ?? Number.NEGATIVE_INFINITY;
  const to = options.to?.getTime() ?? Number.POSITIVE_INFINITY;
  const timed = options.from !== undefined || options.to !== undefined;
  const filter: ReadAllFilter = {
    ...(options.categories?.length ? { categories: options.categories } : {}),
    ...(options.eventTypes?.length ? { eventTypes: options.eventTypes } : {}),
  };
  const read = (after: Position | undefined) => store.readAll({ ...(after ? { after } : {}), filter, maxCount: pageSize });

  let until: Position | undefined;
  let pending: Promise<RecordedEvent[]> | undefined;
  let started = false;
  let done = false;
  let events = 0;

  async function start(): Promise<void> {
    started = true;
    const head = await store.headPosition();
    if (head === undefined) return;
    const end = options.until && comparePositions(options.until, head) < 0 ? options.until : head;
    if (options.after && comparePositions(options.after, end) >= 0) return;
    until = end;
    pending = read(options.after);
  }

  function finish(): IteratorResult<RecordedEvent[]> {
    // A short page or one past the end: every event up to `until` has been seen.
    if (!done && until) options.onProgress?.({ events, position: until });
    done = true;
    return { done: true, value: undefined };
  }

  async function next(): Promise<IteratorResult<RecordedEvent[]>> {
    if (!started) await start();
    while (pending && until) {
      options.signal?.throwIfAborted();
      const page = await pending;
      pending = undefined;
      const last = page.at(-1);
      const pastEnd = last === undefined || comparePositions(last.position, until) >= 0;
      if (page.length === pageSize && !pastEnd) pending = read(last.position);
      const end = until;
      const chosen = pastEnd || timed ? page.filter((e) => comparePositions(e.position, end) <= 0 && inTime(e.recordedAt.getTime(), from, to)) : page;
      events += chosen.length;
      if (pending) options.onProgress?.({ events, position: last!.position });
      if (chosen.length > 0) return { done: false, value: chosen };
    }
    return finish();
  }

  return {
    next,
    async return() {
      // A read-ahead still in flight when the consumer stops must not become an unhandled rejection.
      pending?.catch(() => undefined);
      pending = undefined;
      done = true;
      return { done: true, value: undefined };
    },
  };
}

const inTime = (time: number, from: number, to: number) => time >= from && time < to;
