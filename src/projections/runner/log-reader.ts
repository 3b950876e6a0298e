import { comparePositions } from '../../eventstore/position.js';
import type { EventStore, Position, ReadAllFilter, RecordedEvent } from '../../eventstore/types.js';

export interface LogPage {
  readonly events: readonly RecordedEvent[];
  /**
   * Every event matching the filter at or below this position is in this page or before it, so a
   * projection that has applied the page has passed this position even if nothing there matched.
   */
  readonly seenThrough: Position | undefined;
  /** Fewer events than asked for: the reader reached the end of what is visible. */
  readonly short: boolean;
}

export const maxPosition = (a: Position | undefined, b: Position | undefined): Position | undefined =>
  !a ? b : !b ? a : comparePositions(a, b) >= 0 ? a : b;

const isStart = (p: Position | undefined) => !p || (p.commit === 0n && p.prepare === 0n);

/**
 * Pages through the log after a position, one page read ahead while the caller writes the last.
 *
 * "Seen through": the checkpoint only moves to the last *matching* event, so a position in another
 * category may never be reached by it. But when a page comes back short, the reader has seen
 * everything visible after its start, and everything at or below the head it fetched *before* the
 * read was visible then (the SQL stores show only transactions below the oldest running one, so
 * nothing can later appear below that head; EventStoreDB's $all only grows at its end). So that
 * head is passed once the page is applied. A full page vouches only for its last event.
 */
export function createLogReader(store: EventStore, filter: ReadAllFilter, batchSize: number) {
  let after: Position | undefined;
  let ahead: Promise<LogPage> | undefined;
  let expectShort = true;

  async function read(from: Position | undefined, withHead: boolean): Promise<LogPage> {
    const head = withHead ? await store.headPosition() : undefined;
    const events = await store.readAll({ ...(isStart(from) ? {} : { after: from }), filter, maxCount: batchSize });
    const short = events.length < batchSize;
    const last = events.at(-1)?.position;
    return { events, short, seenThrough: short ? maxPosition(head, last) : last };
  }

  function dropReadAhead(): void {
    ahead?.catch(() => undefined);
    ahead = undefined;
  }

  return {
    /** Starts over after `position` (a checkpoint loaded or changed); forgets any read-ahead. */
    reset(position: Position | undefined): void {
      dropReadAhead();
      after = position;
      expectShort = true;
    },
    async next(): Promise<LogPage> {
      const pending = ahead ?? read(after, expectShort);
      ahead = undefined;
      const page = await pending;
      after = page.events.at(-1)?.position ?? after;
      expectShort = page.short;
      // A full page means more is waiting: read on while the caller applies this one.
      if (!page.short) ahead = read(after, false);
      return page;
    },
    close: dropReadAhead,
  };
}

export type LogReader = ReturnType<typeof createLogReader>;
