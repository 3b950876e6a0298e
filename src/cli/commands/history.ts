import type { EventStore, RecordedEvent } from '../../eventstore/types.js';
import { formatPosition } from '../../eventstore/position.js';
import { toExportedEvent } from '../../history/export/event-record.js';
import { formatTable } from '../format-table.js';
import { checkStreamName } from './history-arguments.js';

export interface HistoryCommandOptions {
  readonly fromRevision?: number;
  readonly limit: number;
  /** Full data instead of a line cut to fit. */
  readonly wide?: boolean;
  /** NDJSON (the export format) instead of a table. */
  readonly json?: boolean;
}

const DATA_WIDTH = 90;

function version(event: RecordedEvent): string {
  const { schemaVersion, upcastFrom } = event.metadata;
  const current = typeof schemaVersion === 'number' ? String(schemaVersion) : '1';
  return typeof upcastFrom === 'number' ? `${current}←${upcastFrom}` : current;
}

function dataCell(event: RecordedEvent, wide: boolean): string {
  const text = JSON.stringify(event.data) ?? '';
  return wide || text.length <= DATA_WIDTH ? text : `${text.slice(0, DATA_WIDTH - 1)}…`;
}

/**
 * `commerce history`: a stream's events as a table (or NDJSON), oldest first. `V` is the schema
 * version read; `2←1` means stored as version 1 and upcast. Returns the lines to print.
 */
export async function runHistory(store: EventStore, stream: string, options: HistoryCommandOptions): Promise<string[]> {
  checkStreamName(stream);
  const fromRevision = BigInt(options.fromRevision ?? 0);
  // One more than shown tells whether there is more, without counting the stream.
  const events = await store.readStream(stream, { fromRevision, maxCount: options.limit + 1 });
  const shown = events.slice(0, options.limit);
  if (options.json) return shown.map((e) => JSON.stringify(toExportedEvent(e)));
  if (events.length === 0) return [fromRevision === 0n ? `${stream}: no events` : `${stream}: no events from revision ${fromRevision}`];
  const rows = shown.map((e) => [
    String(e.revision),
    e.recordedAt.toISOString(),
    e.type,
    version(e),
    formatPosition(e.position),
    dataCell(e, options.wide ?? false),
  ]);
  const lines = [formatTable(['REV', 'RECORDED', 'TYPE', 'V', 'POSITION', 'DATA'], rows)];
  if (events.length > shown.length) {
    const next = shown.at(-1)!.revision + 1n;
    lines.push(`… more from revision ${next}: commerce history ${stream} --from-revision ${next}`);
  }
  return lines;
}
