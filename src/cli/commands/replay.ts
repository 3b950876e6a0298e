import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { EventStore } from '../../eventstore/types.js';
import { readNdjsonEvents } from '../../history/replay/read-ndjson.js';
import { replayEvents, type ReplaySummary } from '../../history/replay/replay-events.js';
import { formatCount } from '../format-table.js';
import { UsageError } from '../usage-error.js';
import { scanProgress } from './scan-progress.js';

export interface ReplayCommandOptions {
  readonly batchSize?: number;
}

export interface ReplayIo {
  readonly stdin: Readable;
  readonly progress: boolean;
  readonly signal?: AbortSignal;
}

export interface ReplayCommandSummary extends ReplaySummary {
  readonly source: string;
  readonly seconds: number;
}

/**
 * Appends an NDJSON export (a file, or "-" for stdin) to the store it is given: the raw store, so
 * that events keep the schema versions and sealed PII they were exported with.
 */
export async function runReplay(store: EventStore, file: string, options: ReplayCommandOptions, io: ReplayIo): Promise<ReplayCommandSummary> {
  let input: Readable & { bytesRead?: number };
  let size = 0;
  if (file === '-') {
    input = io.stdin;
  } else {
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) throw new UsageError(`no such file: ${file}`);
    size = info.size;
    input = createReadStream(file);
  }
  const bar = scanProgress('replay', size, io.progress);
  const started = performance.now();
  try {
    const summary = await replayEvents(store, readNdjsonEvents(input), {
      ...(options.batchSize !== undefined ? { maxBatch: options.batchSize } : {}),
      ...(io.signal ? { signal: io.signal } : {}),
      onProgress: (progress) => bar.update(input.bytesRead ?? 0, progress.events),
    });
    return { ...summary, source: file === '-' ? 'stdin' : file, seconds: (performance.now() - started) / 1000 };
  } finally {
    bar.stop();
    if (file !== '-') input.destroy();
  }
}

export function replaySummaryLine(summary: ReplayCommandSummary): string {
  const rate = summary.seconds > 0 ? Math.round(summary.events / summary.seconds) : 0;
  return (
    `replayed ${formatCount(summary.events)} events from ${summary.source}: ${formatCount(summary.appended)} appended, ` +
    `${formatCount(summary.alreadyPresent)} already present, in ${summary.seconds.toFixed(1)} s (${formatCount(rate)} events/s)`
  );
}
