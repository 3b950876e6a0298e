import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { comparePositions, formatPosition, startPosition } from '../../eventstore/position.js';
import type { EventStore, Position } from '../../eventstore/types.js';
import type { ExportFilter } from '../../history/export/export-events.js';
import { exportLines, type ExportFormat } from '../../history/export/export-lines.js';
import { formatCount } from '../format-table.js';
import { UsageError } from '../usage-error.js';
import { scanProgress } from './scan-progress.js';

export interface ExportCommandOptions extends ExportFilter {
  readonly format?: ExportFormat;
  /** A file path; stdout when omitted or "-". */
  readonly out?: string;
  /** Current schema versions instead of the stored ones (for analysis; a backup keeps them as stored). */
  readonly upcast?: boolean;
  readonly pageSize?: number;
}

export interface ExportIo {
  readonly stdout: Writable;
  readonly progress: boolean;
  readonly signal?: AbortSignal;
}

export interface ExportSummary {
  readonly events: number;
  readonly format: ExportFormat;
  readonly destination: string;
  readonly seconds: number;
  /** How far the scan went (the head when it started, or --until): the `--after` of the next incremental export. */
  readonly scannedTo: Position | undefined;
}

/** Loaded only for --upcast: the registry pulls in the domain's event schemas. */
async function upcasting(store: EventStore): Promise<EventStore> {
  const [{ withUpcasting }, { eventUpcasters }] = await Promise.all([import('../../eventstore/upcasting/index.js'), import('../../history/event-upcasters.js')]);
  return withUpcasting(store, eventUpcasters);
}

/** `--format`, else the output file's extension, else NDJSON. */
export function exportFormatFor(options: Pick<ExportCommandOptions, 'format' | 'out'>): ExportFormat {
  if (options.format) return options.format;
  return options.out && path.extname(options.out).toLowerCase() === '.csv' ? 'csv' : 'ndjson';
}

export function checkExportRanges(options: ExportFilter): void {
  if (options.from && options.to && options.from >= options.to) throw new UsageError('--from must be before --to');
  if (options.after && options.until && comparePositions(options.after, options.until) >= 0) throw new UsageError('--after must be before --until');
}

/**
 * Streams the export into a file or stdout, a page at a time and waiting for the output to drain
 * (constant memory, however large the log). A file is written beside its name and renamed when
 * complete, so a file by that name is never a truncated export. A closed pipe (`| head`) ends the
 * export quietly.
 */
export async function runExport(store: EventStore, options: ExportCommandOptions, io: ExportIo): Promise<ExportSummary> {
  checkExportRanges(options);
  const format = exportFormatFor(options);
  const source = options.upcast ? await upcasting(store) : store;
  const toFile = options.out !== undefined && options.out !== '-';
  const partial = toFile ? `${options.out}.partial` : undefined;
  const out: Writable = partial ? createWriteStream(partial) : io.stdout;

  const head = await store.headPosition();
  const start = options.after ?? startPosition;
  const end = head && options.until && comparePositions(options.until, head) < 0 ? options.until : head;
  const bar = scanProgress('export', end ? Number(end.prepare - start.prepare) : 0, io.progress);
  let events = 0;
  let scannedTo: Position | undefined;
  const started = performance.now();

  const lines = exportLines(source, {
    ...options,
    format,
    ...(end ? { until: end } : {}),
    ...(io.signal ? { signal: io.signal } : {}),
    onProgress: (progress) => {
      events = progress.events;
      scannedTo = progress.position;
      bar.update(Number(progress.position.prepare - start.prepare), progress.events);
    },
  });
  try {
    for await (const chunk of lines) {
      if (!out.write(chunk)) await once(out, 'drain');
    }
    if (partial) {
      out.end();
      await finished(out);
      await rename(partial, options.out!);
    }
  } catch (error) {
    if (!partial && (error as { code?: unknown }).code === 'EPIPE') {
      // The reader went away (`commerce export | head`): that is how a pipe says "enough".
    } else {
      if (partial) {
        out.destroy();
        await rm(partial, { force: true });
      }
      throw error;
    }
  } finally {
    bar.stop();
  }
  return { events, format, destination: toFile ? options.out! : 'stdout', seconds: (performance.now() - started) / 1000, scannedTo };
}

export function exportSummaryLine(summary: ExportSummary): string {
  const rate = summary.seconds > 0 ? Math.round(summary.events / summary.seconds) : 0;
  const next = summary.scannedTo ? `; scanned to ${formatPosition(summary.scannedTo)} (next incremental export: --after ${formatPosition(summary.scannedTo)})` : '';
  return `exported ${formatCount(summary.events)} events as ${summary.format} to ${summary.destination} in ${summary.seconds.toFixed(1)} s (${formatCount(rate)} events/s)${next}`;
}
