import { PartialDuplicateAppendError, WrongExpectedRevisionError } from '../../eventstore/errors.js';
import { comparePositions } from '../../eventstore/position.js';
import type { EventData, EventStore, Position } from '../../eventstore/types.js';
import type { ParsedExportedEvent } from '../export/event-record.js';

/** The target holds something else where the file's event belongs. Nothing of that append was written. */
export class ReplayConflictError extends Error {
  override readonly name = 'ReplayConflictError';
  constructor(
    readonly stream: string,
    readonly revision: number,
    detail: string,
  ) {
    super(`stream ${stream} at revision ${revision}: ${detail}`);
  }
}

export interface ReplayProgress {
  /** Events of the input handled so far (appended or found already there). */
  readonly events: number;
  readonly appended: number;
}

export interface ReplayOptions {
  /** Most events of one stream appended in one call (default 500). */
  readonly maxBatch?: number;
  /** Stops between appends; the promise then rejects with the signal's reason. Re-running resumes. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ReplayProgress) => void;
}

export interface ReplaySummary {
  readonly events: number;
  /** Written now. */
  readonly appended: number;
  /** Found in the target already, with the same ids at the same revisions (an earlier run). */
  readonly alreadyPresent: number;
  /** The target's position of the input's last event: wait for it (waitUntilVisible) to read the copy through $all. */
  readonly position: Position | undefined;
}

/**
 * Appends exported events to a store, keeping every event's stream, revision, id, type, data and
 * metadata, and the input's order. Runs of one stream's consecutive revisions go in one append.
 *
 * Each append expects the revision just before its first event (`no_stream` for revision 0), so
 * an event lands at exactly its original revision or not at all; the stores' idempotency by event
 * id makes a re-run (or a run after an interruption) skip what is there and go on. Positions and
 * recording times are the target's own: no store lets a writer choose them. A target stream that
 * differs from the file (other events at those revisions, or a gap because the export was
 * filtered by type or time) stops the replay with ReplayConflictError.
 */
export async function replayEvents(store: EventStore, input: AsyncIterable<ParsedExportedEvent>, options: ReplayOptions = {}): Promise<ReplaySummary> {
  const maxBatch = options.maxBatch ?? 500;
  // Anything appended from now on lands after today's head; a repeat is answered with its old position.
  const headBefore = await store.headPosition();
  let events = 0;
  let appended = 0;
  let batch: ParsedExportedEvent[] = [];
  let position: Position | undefined;

  const wasThere = (position: Position) => headBefore !== undefined && comparePositions(position, headBefore) <= 0;

  async function append(run: ParsedExportedEvent[]): Promise<void> {
    const first = run[0]!;
    const last = run.at(-1)!;
    const toAppend: EventData[] = run.map((e) => ({ id: e.id, type: e.type, data: e.data, metadata: e.metadata }));
    try {
      const result = await store.appendToStream(first.streamName, toAppend, {
        expectedRevision: first.revision === 0 ? 'no_stream' : BigInt(first.revision - 1),
      });
      if (result.nextExpectedRevision !== BigInt(last.revision)) {
        throw new ReplayConflictError(first.streamName, first.revision, `the target holds these event ids at other revisions`);
      }
      if (!wasThere(result.position)) appended += run.length;
      position = result.position;
    } catch (error) {
      if (error instanceof PartialDuplicateAppendError) {
        // Part of the run is there (an earlier replay of a shorter file): one event at a time settles it.
        if (run.length > 1) {
          for (const event of run) await append([event]);
          return;
        }
        throw new ReplayConflictError(first.streamName, first.revision, `event ${first.id} is already stored in another stream`);
      }
      if (error instanceof WrongExpectedRevisionError) {
        const actual = error.actual === 'no_stream' ? 'does not exist' : `ends at revision ${error.actual}`;
        throw new ReplayConflictError(
          first.streamName,
          first.revision,
          `the target stream ${actual}, so this event cannot land at its revision (a file exported with --type/--from/--to, or a target with a different history)`,
        );
      }
      throw error;
    }
  }

  async function flush(): Promise<void> {
    if (batch.length === 0) return;
    options.signal?.throwIfAborted();
    const run = batch;
    batch = [];
    await append(run);
    events += run.length;
    options.onProgress?.({ events, appended });
  }

  for await (const event of input) {
    const previous = batch.at(-1);
    if (previous && (previous.streamName !== event.streamName || previous.revision + 1 !== event.revision || batch.length >= maxBatch)) {
      await flush();
    }
    batch.push(event);
  }
  await flush();
  return { events, appended, alreadyPresent: events - appended, position };
}
