import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlStores, type OpenedStore } from '../../../test/support/stores.js';
import type { EventStore, RecordedEvent } from '../../eventstore/types.js';
import { waitUntilVisible } from '../../eventstore/wait-until-visible.js';
import { exportLines, type ExportLinesOptions } from '../export/export-lines.js';
import { writeSampleLog } from '../testing/sample-log.js';
import { readNdjsonEvents, ReplayInputError } from './read-ndjson.js';
import { replayEvents, ReplayConflictError } from './replay-events.js';

async function exportText(store: EventStore, options: Partial<ExportLinesOptions> = {}): Promise<string> {
  let text = '';
  for await (const chunk of exportLines(store, { format: 'ndjson', pageSize: 10, ...options })) text += chunk;
  return text;
}

/** Replays, then waits until what it wrote is visible to $all readers (a write elsewhere on the server can hold it back). */
async function replayText(store: EventStore, text: string, maxBatch?: number) {
  const { position, ...summary } = await replayEvents(store, readNdjsonEvents(Readable.from([text])), maxBatch ? { maxBatch } : {});
  if (position) expect(await waitUntilVisible(store, position, 30_000)).toBe(true);
  return summary;
}

/** What must survive a copy: everything but the target's own position and recording time. */
const identity = (e: RecordedEvent) => ({ id: e.id, streamName: e.streamName, revision: e.revision, type: e.type, data: e.data, metadata: e.metadata });

async function streamsOf(store: EventStore, log: readonly RecordedEvent[]) {
  const names = [...new Set(log.map((e) => e.streamName))].sort();
  return Promise.all(names.map(async (name) => (await store.readStream(name)).map(identity)));
}

const [postgres, pglite] = sqlStores;
/** Each store kind copied into the other: a backup restored, or history moved to an analysis system. */
describe.each([
  { from: postgres!, to: pglite! },
  { from: pglite!, to: postgres! },
])('export from $from.name, replay into $to.name', ({ from, to }) => {
  let source: OpenedStore;
  let target: OpenedStore;
  let log: RecordedEvent[];

  beforeAll(async () => {
    [source, target] = await Promise.all([from.open(), to.open()]);
    ({ log } = await writeSampleLog(source.store));
  });
  afterAll(async () => {
    await Promise.all([source?.dispose(), target?.dispose()]);
  });

  it('copies every stream with the same ids, revisions, data and metadata, in the same global order', async () => {
    const text = await exportText(source.store);
    expect(await replayText(target.store, text, 2)).toEqual({ events: 54, appended: 54, alreadyPresent: 0 });
    expect(await streamsOf(target.store, log)).toEqual(await streamsOf(source.store, log));
    const copied = (await target.store.readAll({ maxCount: 1000 })).map(identity);
    expect(copied).toEqual(log.map(identity));
    // Exported again from the copy, only positions and recording times differ.
    const strip = (t: string) => t.replace(/"position":"[\d.]+","recordedAt":"[^"]+",/g, '');
    expect(strip(await exportText(target.store))).toBe(strip(text));
  });

  it('is idempotent: a second run appends nothing, a longer file only the rest', async () => {
    const full = await exportText(source.store);
    expect(await replayText(target.store, full)).toEqual({ events: 54, appended: 0, alreadyPresent: 54 });

    const stream = 'order-more';
    const more = await source.store.appendToStream(stream, [1, 2, 3].map((i) => ({ id: randomUUID(), type: 'OrderPlaced', data: { i } })));
    expect(await waitUntilVisible(source.store, more.position, 30_000)).toBe(true);
    // Batches straddle what is there and what is not: resolved one event at a time.
    const longer = await exportText(source.store);
    const partial = longer.split('\n').slice(0, 55).join('\n');
    expect(await replayText(target.store, `${partial}\n`)).toMatchObject({ events: 55, appended: 1 });
    expect(await replayText(target.store, longer)).toEqual({ events: 57, appended: 2, alreadyPresent: 55 });
    expect((await target.store.readStream(stream)).map(identity)).toEqual((await source.store.readStream(stream)).map(identity));
  });

  it('stops with a clear error where the target holds a different history', async () => {
    await target.store.appendToStream('cart-elsewhere', [{ id: randomUUID(), type: 'CartOpened', data: {} }]);
    const line = JSON.stringify({ streamName: 'cart-elsewhere', revision: 0, id: randomUUID(), type: 'CartOpened', data: {}, metadata: {} });
    await expect(replayText(target.store, line)).rejects.toThrow(
      new ReplayConflictError('cart-elsewhere', 0, 'the target stream ends at revision 0, so this event cannot land at its revision (a file exported with --type/--from/--to, or a target with a different history)'),
    );
  });

  it('refuses a file filtered by type: its streams have gaps', async () => {
    const fresh = await to.open();
    try {
      const adjusted = await exportText(source.store, { eventTypes: ['StockAdjusted'] });
      await expect(replayText(fresh.store, adjusted)).rejects.toThrow(/^stream inventory-S0 at revision 1: the target stream does not exist/);
    } finally {
      await fresh.dispose();
    }
  });
});

describe('reading an NDJSON export', () => {
  const read = async (text: string) => {
    const events = [];
    for await (const event of readNdjsonEvents(Readable.from([text]))) events.push(event);
    return events;
  };
  const good = { streamName: 'order-1', revision: 0, id: randomUUID(), type: 'OrderPlaced', data: { a: 1 } };

  it('skips blank lines and defaults missing metadata to {}', async () => {
    expect(await read(`\n${JSON.stringify(good)}\r\n\n`)).toEqual([{ ...good, metadata: {} }]);
  });

  it.each([
    ['not json', 'line 2: not JSON (replay reads NDJSON exports: one event per line)'],
    [JSON.stringify({ ...good, revision: -1 }), 'line 2: revision: Too small: expected number to be >=0'],
    [JSON.stringify({ ...good, id: 'x' }), 'line 2: id: Invalid UUID'],
    [JSON.stringify({ ...good, streamName: 'nodash' }), 'line 2: streamName: a stream name is "<category>-<id>"'],
    [JSON.stringify({ ...good, data: undefined }), 'line 2: data: data is required'],
  ])('names the line of a bad event: %s', async (line, message) => {
    await expect(read(`${JSON.stringify(good)}\n${line}\n`)).rejects.toThrow(new ReplayInputError(2, message.replace(/^line 2: /, '')));
  });
});
