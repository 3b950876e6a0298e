import { stringify } from 'csv-stringify/sync';
import type { EventStore, RecordedEvent } from '../../eventstore/types.js';
import { exportColumns, toExportedEvent } from './event-record.js';
import { exportEventPages, type ExportReadOptions } from './export-events.js';

export const exportFormats = ['ndjson', 'csv'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export interface ExportLinesOptions extends ExportReadOptions {
  readonly format: ExportFormat;
}

/**
 * NDJSON: one event per line, the fields of ExportedEvent in its order. `replay` reads it back.
 * Written field by field rather than `JSON.stringify(toExportedEvent(e))`: the same text without
 * an intermediate object per event, which is measurable at a hundred thousand events a second.
 * Only strings that can hold anything (stream, type) and the payloads go through JSON.stringify;
 * a position, an ISO time, a revision and a uuid never need escaping.
 */
export function ndjsonLines(events: readonly RecordedEvent[]): string {
  let text = '';
  for (const e of events) {
    text +=
      `{"position":"${e.position.commit}.${e.position.prepare}","recordedAt":"${e.recordedAt.toISOString()}",` +
      `"streamName":${JSON.stringify(e.streamName)},"revision":${e.revision},"id":${JSON.stringify(e.id)},"type":${JSON.stringify(e.type)},` +
      `"data":${JSON.stringify(e.data) ?? 'null'},"metadata":${JSON.stringify(e.metadata) ?? '{}'}}\n`;
  }
  return text;
}

/** CSV: RFC 4180 quoting, `data` and `metadata` as JSON in their cells (spreadsheets and COPY read it). */
export function csvRows(events: readonly RecordedEvent[]): string {
  return stringify(
    events.map((event) => {
      const e = toExportedEvent(event);
      return [e.position, e.recordedAt, e.streamName, e.revision, e.id, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata)];
    }),
  );
}

export const csvHeader = (): string => stringify([[...exportColumns]]);

/**
 * The export as text, for a file, stdout or an HTTP response body (`Readable.from(exportLines(…))`).
 * Each string is one or more complete lines, each ending in "\n" (a page of events at a time:
 * one write per page, not per event); a CSV export starts with its header line. Like the pages
 * under it, an iterator that holds no page once it has turned it into text (see exportEventPages).
 */
export function exportLines(store: EventStore, options: ExportLinesOptions): AsyncIterable<string> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<string> {
      const format = options.format === 'csv' ? csvRows : ndjsonLines;
      const pages = exportEventPages(store, options)[Symbol.asyncIterator]();
      let header = options.format === 'csv';
      return {
        async next() {
          if (header) {
            header = false;
            return { done: false, value: csvHeader() };
          }
          const page = await pages.next();
          return page.done ? { done: true, value: undefined } : { done: false, value: format(page.value) };
        },
        async return() {
          await pages.return?.();
          return { done: true, value: undefined };
        },
      };
    },
  };
}
