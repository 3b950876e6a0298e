import type { EventStore } from '../../eventstore/types.js';
import { toExportedEvent } from '../../history/export/event-record.js';
import { streamAsOf, type AsOf } from '../../history/stream-as-of.js';
import { streamFoldFor, streamFolds } from '../../history/stream-deciders.js';
import { UsageError } from '../usage-error.js';
import { checkStreamName } from './history-arguments.js';

/** `commerce state`: the aggregate's state as of a revision or time, as pretty JSON. */
/** A stream whose state can be folded: a well-formed name of a category some aggregate owns. */
export function checkStream(stream: string): void {
  checkStreamName(stream);
  if (!streamFoldFor(stream)) {
    throw new UsageError(`no aggregate keeps its state in "${stream}" (known categories: ${[...streamFolds.keys()].join(', ')}); try commerce history ${stream}`);
  }
}

export async function runState(store: EventStore, stream: string, asOf: AsOf | undefined, options: { events?: boolean }): Promise<string> {
  checkStream(stream);
  const result = await streamAsOf(store, stream, asOf);
  const last = result.events.at(-1);
  return JSON.stringify(
    {
      stream,
      asOf: asOf === undefined ? 'latest' : 'revision' in asOf ? { revision: Number(asOf.revision) } : { time: asOf.time.toISOString() },
      revision: Number(result.revision),
      ...(last ? { recordedAt: last.recordedAt.toISOString() } : {}),
      state: result.revision < 0n ? null : result.state,
      ...(options.events ? { events: result.events.map(toExportedEvent) } : {}),
    },
    null,
    2,
  );
}
