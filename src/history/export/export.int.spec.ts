import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlStores, type OpenedStore } from '../../../test/support/stores.js';
import { comparePositions, formatPosition } from '../../eventstore/position.js';
import type { RecordedEvent } from '../../eventstore/types.js';
import { writeSampleLog } from '../testing/sample-log.js';
import { exportColumns, toExportedEvent, type ExportedEvent } from './event-record.js';
import { exportLines, type ExportLinesOptions } from './export-lines.js';

async function collect(iterable: AsyncIterable<string>): Promise<string[]> {
  const chunks: string[] = [];
  for await (const chunk of iterable) chunks.push(chunk);
  return chunks;
}

/** Just enough RFC 4180 to read back what csv-stringify wrote (quoted cells with commas, quotes, newlines). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  return rows;
}

describe.each(sqlStores)('export ($name)', ({ open }) => {
  let opened: OpenedStore;
  let log: RecordedEvent[];
  let middle: Date;

  beforeAll(async () => {
    opened = await open();
    ({ log, middle } = await writeSampleLog(opened.store));
  });
  afterAll(() => opened?.dispose());

  async function ndjson(options: Omit<ExportLinesOptions, 'format'>): Promise<ExportedEvent[]> {
    const chunks = await collect(exportLines(opened.store, { format: 'ndjson', pageSize: 7, ...options }));
    for (const chunk of chunks) expect(chunk.endsWith('\n')).toBe(true);
    return chunks.join('').split('\n').filter(Boolean).map((line) => JSON.parse(line) as ExportedEvent);
  }
  const expected = (keep: (e: RecordedEvent) => boolean) => log.filter(keep).map((e) => JSON.parse(JSON.stringify(toExportedEvent(e))) as ExportedEvent);

  it('writes the whole log as NDJSON in global order, one event per line with its full envelope', async () => {
    expect(log).toHaveLength(54);
    const lines = await ndjson({});
    expect(lines).toEqual(expected(() => true));
    expect(lines[0]).toEqual({
      position: formatPosition(log[0]!.position),
      recordedAt: log[0]!.recordedAt.toISOString(),
      streamName: 'order-o10',
      revision: 0,
      id: log[0]!.id,
      type: 'OrderPlaced',
      data: { i: 0, n: 1, note: 'comma, "quoted"\nnewline' },
      metadata: { schemaVersion: 1, correlationId: 'c-1' },
    });
  });

  it('filters by category and by event type (repeatable), and both together', async () => {
    expect(await ndjson({ categories: ['order', 'cart'] })).toEqual(expected((e) => !e.streamName.startsWith('inventory-')));
    expect(await ndjson({ eventTypes: ['StockAdjusted', 'CartOpened'] })).toEqual(expected((e) => ['StockAdjusted', 'CartOpened'].includes(e.type)));
    expect(await ndjson({ categories: ['cart'], eventTypes: ['ItemAdded'] })).toEqual(expected((e) => e.type === 'ItemAdded'));
  });

  it('filters by global position: after is exclusive, until inclusive', async () => {
    const after = log[9]!.position;
    const until = log[30]!.position;
    const lines = await ndjson({ after, until });
    expect(lines).toEqual(expected((e) => comparePositions(e.position, after) > 0 && comparePositions(e.position, until) <= 0));
    expect(lines).toHaveLength(21);
    expect(await ndjson({ after: log.at(-1)!.position })).toEqual([]);
  });

  it('filters by recording time: from inclusive, to exclusive', async () => {
    const firstHalf = await ndjson({ to: middle });
    const secondHalf = await ndjson({ from: middle, categories: ['inventory'] });
    expect(firstHalf).toEqual(expected((e) => e.recordedAt < middle));
    expect(firstHalf).toHaveLength(27);
    expect(secondHalf).toEqual(expected((e) => e.recordedAt >= middle && e.streamName.startsWith('inventory-')));
    expect(secondHalf).toHaveLength(12);
  });

  it('writes CSV with a header and JSON cells that survive commas, quotes and newlines', async () => {
    const text = (await collect(exportLines(opened.store, { format: 'csv', pageSize: 5, eventTypes: ['OrderPlaced'] }))).join('');
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual([...exportColumns]);
    const orders = log.filter((e) => e.type === 'OrderPlaced');
    expect(rows).toHaveLength(orders.length);
    expect(rows[0]).toEqual([
      formatPosition(orders[0]!.position),
      orders[0]!.recordedAt.toISOString(),
      'order-o10',
      '0',
      orders[0]!.id,
      'OrderPlaced',
      JSON.stringify(orders[0]!.data),
      JSON.stringify(orders[0]!.metadata),
    ]);
    expect(JSON.parse(rows[0]![6]!)).toEqual({ i: 0, n: 1, note: 'comma, "quoted"\nnewline' });
  });

  it('ends at the head it saw when it started, however much is appended meanwhile', async () => {
    const lines: string[] = [];
    let appended = false;
    for await (const chunk of exportLines(opened.store, { format: 'ndjson', pageSize: 10 })) {
      lines.push(chunk);
      if (!appended) {
        appended = true;
        await opened.store.appendToStream(`order-late${randomUUID().slice(0, 6)}`, [{ id: randomUUID(), type: 'OrderPlaced', data: {} }]);
      }
    }
    expect(lines.join('').split('\n').filter(Boolean)).toHaveLength(54);
  });

  it('stops between pages when aborted', async () => {
    const controller = new AbortController();
    const chunks: string[] = [];
    await expect(async () => {
      for await (const chunk of exportLines(opened.store, { format: 'ndjson', pageSize: 10, signal: controller.signal })) {
        chunks.push(chunk);
        controller.abort(new Error('stop'));
      }
    }).rejects.toThrow('stop');
    expect(chunks).toHaveLength(1);
  });
});
