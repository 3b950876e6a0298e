import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlStores, type OpenedStore } from '../../../test/support/stores.js';
import { loadConfig } from '../../config.js';
import { inventoryStreamName } from '../../domain/inventory/index.js';
import { formatPosition } from '../../eventstore/position.js';
import type { RecordedEvent } from '../../eventstore/types.js';
import { waitUntilVisible } from '../../eventstore/wait-until-visible.js';
import { processLock } from '../../projections/runner/testing/fixtures.js';
import { writeInventoryHistory } from '../../history/testing/inventory-history.js';
import { writeSampleLog } from '../../history/testing/sample-log.js';
import { buildProgram } from '../program.js';
import { runCli } from '../run-cli.js';

const [postgres, pglite] = sqlStores;

/** `commerce export | replay | state | history` in-process, against real stores: what an operator types and reads. */
describe('commerce history commands (CLI)', () => {
  let source: OpenedStore;
  let target: OpenedStore;
  let dir: string;
  let log: RecordedEvent[];
  const sku = `CLI-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    [source, target] = await Promise.all([postgres!.open(), pglite!.open()]);
    dir = await mkdtemp(path.join(os.tmpdir(), 'commerce-export-'));
    await writeSampleLog(source.store);
    await writeInventoryHistory(source.store, sku, 5);
    // Stored before LowStockDetected had a severity: read back, it is upcast.
    const old = await source.store.appendToStream(inventoryStreamName(`${sku}-OLD`), [
      { id: randomUUID(), type: 'LowStockDetected', data: { sku: `${sku}-OLD`, available: 0, threshold: 1, at: '2025-01-01T00:00:00.000Z' }, metadata: { schemaVersion: 1 } },
    ]);
    // A write transaction running elsewhere on the server keeps newer appends from $all readers for a while.
    expect(await waitUntilVisible(source.store, old.position, 30_000)).toBe(true);
    log = await source.store.readAll({ maxCount: 1000 });
  });
  afterAll(async () => {
    await Promise.all([source?.dispose(), target?.dispose(), dir && rm(dir, { recursive: true, force: true })]);
  });

  async function cli(argv: string[], options: { store?: OpenedStore; stdin?: string } = {}) {
    const opened = options.store ?? source;
    const out: string[] = [];
    const err: string[] = [];
    const stdout = new PassThrough();
    const chunks: Buffer[] = [];
    stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    const program = buildProgram({
      config: () => loadConfig({ EVENT_STORE: 'pglite', NODE_ENV: 'test' }),
      logger: () => pino({ level: 'silent' }),
      out: (line) => out.push(line),
      err: (line) => err.push(line),
      stdout,
      stdin: Readable.from([options.stdin ?? '']),
      progress: false,
      openContext: async () => ({ store: opened.store, db: opened.db, lock: processLock(opened), close: async () => undefined }),
    });
    const code = await runCli(program, argv, { err: (line) => err.push(line), out: (text) => out.push(text) });
    return { code, out: out.join('\n'), err: err.join('\n'), stdout: Buffer.concat(chunks).toString('utf8') };
  }

  it('exports NDJSON to stdout, with the summary and the next --after on stderr', async () => {
    const result = await cli(['export', '--category', 'order,cart', '--type', 'OrderPlaced', '--type', 'CartOpened']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { id: string });
    const expected = log.filter((e) => e.type === 'OrderPlaced' || e.type === 'CartOpened');
    expect(lines.map((l) => l.id)).toEqual(expected.map((e) => e.id));
    const head = formatPosition((await source.store.headPosition())!);
    expect(result.err).toMatch(new RegExp(`^exported 18 events as ndjson to stdout in [\\d.]+ s \\([\\d,]+ events/s\\); scanned to ${head} \\(next incremental export: --after ${head}\\)$`));
  });

  it('exports events as stored, or with --upcast in their current schema', async () => {
    const line = async (...flags: string[]) =>
      JSON.parse((await cli(['export', '--type', 'LowStockDetected', '--category', 'inventory', ...flags])).stdout.trimEnd().split('\n').at(-1)!) as {
        data: Record<string, unknown>;
        metadata: Record<string, unknown>;
      };
    const stored = await line();
    expect(stored.data).not.toHaveProperty('severity');
    expect(stored.metadata).toEqual({ schemaVersion: 1 });
    const upcast = await line('--upcast');
    expect(upcast.data).toMatchObject({ severity: 'sold_out' });
    expect(upcast.metadata).toEqual({ schemaVersion: 2, upcastFrom: 1 });
  });

  it('exports CSV to a file named by --out, complete or not at all', async () => {
    const file = path.join(dir, 'orders.csv');
    const result = await cli(['export', '--out', file, '--category', 'order', '--after', formatPosition(log[0]!.position)]);
    expect(result).toMatchObject({ code: 0, stdout: '' });
    const rows = (await readFile(file, 'utf8')).trimEnd().split('\n');
    expect(rows[0]).toBe('position,recordedAt,streamName,revision,id,type,data,metadata');
    expect(await readdir(dir)).toEqual(['orders.csv']);
    expect(result.err).toMatch(/^exported 11 events as csv to .*orders\.csv/);
  });

  it('round-trips: export to a file, replay into another store, re-run appends nothing', async () => {
    const file = path.join(dir, 'backup.ndjson');
    expect((await cli(['export', '--out', file])).code).toBe(0);
    const first = await cli(['replay', file], { store: target });
    expect(first).toMatchObject({ code: 0, err: '' });
    expect(first.out).toMatch(new RegExp(`^replayed ${log.length} events from .*backup\\.ndjson: ${log.length} appended, 0 already present, in [\\d.]+ s`));
    const again = await cli(['replay', '-'], { store: target, stdin: await readFile(file, 'utf8') });
    expect(again.out).toMatch(new RegExp(`^replayed ${log.length} events from stdin: 0 appended, ${log.length} already present`));
    const strip = (e: RecordedEvent) => ({ id: e.id, streamName: e.streamName, revision: e.revision, type: e.type, data: e.data, metadata: e.metadata });
    const lastCopied = (await target.store.readStream(log.at(-1)!.streamName, { direction: 'backwards', maxCount: 1 }))[0]!;
    expect(await waitUntilVisible(target.store, lastCopied.position, 30_000)).toBe(true);
    expect((await target.store.readAll({ maxCount: 1000 })).map(strip)).toEqual(log.map(strip));
  });

  it('prints a state as of a revision and as of a time, as JSON', async () => {
    const stream = inventoryStreamName(sku);
    const byRevision = JSON.parse((await cli(['state', stream, '--as-of', '3'])).out) as Record<string, unknown>;
    expect(byRevision).toMatchObject({ stream, asOf: { revision: 3 }, revision: 3, state: { onHand: 10, reserved: 9, available: 1 } });
    const events = await source.store.readStream(stream);
    const time = events[5]!.recordedAt.toISOString();
    const byTime = JSON.parse((await cli(['state', stream, '--as-of', time, '--events'])).out) as { revision: number; events: unknown[]; state: unknown };
    expect(byTime).toMatchObject({ asOf: { time }, revision: 5, state: { onHand: 6, reserved: 5 } });
    expect(byTime.events).toHaveLength(6);
    expect(JSON.parse((await cli(['state', stream])).out)).toMatchObject({ asOf: 'latest', revision: 7, state: { onHand: 5, available: 5 } });
    expect(JSON.parse((await cli(['state', 'order-never'])).out)).toMatchObject({ revision: -1, state: null });
  });

  it('prints a stream as a table, marking upcast events, with a pointer to the rest', async () => {
    const table = await cli(['history', inventoryStreamName(sku), '--limit', '3']);
    expect(table.code).toBe(0);
    const lines = table.out.split('\n');
    expect(lines[0]).toMatch(/^REV\s+RECORDED\s+TYPE\s+V\s+POSITION\s+DATA$/);
    expect(lines[1]).toMatch(/^0\s+\d{4}-\d\d-\d\dT[\d:.]+Z\s+StockReceived\s+1\s+\d+\.\d+\s+\{"at":.*"sku":"CLI-/);
    expect(lines).toHaveLength(5);
    expect(lines[4]).toBe(`… more from revision 3: commerce history ${inventoryStreamName(sku)} --from-revision 3`);
    const old = await cli(['history', inventoryStreamName(`${sku}-OLD`), '--wide']);
    expect(old.out.split('\n')[1]).toMatch(/LowStockDetected\s+2←1\s+.*"severity":"sold_out"/);
    expect((await cli(['history', 'order-none'])).out).toBe('order-none: no events');
  });

  it.each([
    [['export', '--from', 'yesterday'], "error: option '--from <time>' argument 'yesterday' is invalid. expected an ISO time: 2026-01-31 (UTC midnight) or 2026-01-31T14:00:00Z (with Z or an offset)."],
    [['export', '--from', '2026-02-01', '--to', '2026-01-01'], 'error: --from must be before --to'],
    [['export', '--after', '12'], `error: option '--after <position>' argument '12' is invalid. expected a global position "<commit>.<prepare>", e.g. 7342.118 (exports print the last one).`],
    [['export', '--after', '5.5', '--until', '5.1'], 'error: --after must be before --until'],
    [['export', '--format', 'xml'], "error: option '--format <format>' argument 'xml' is invalid. Allowed choices are ndjson, csv."],
    [['export', '--category', 'a b'], "error: option '--category <name>' argument 'a b' is invalid. expected a name or a comma-separated list of names."],
    [['replay'], "error: missing required argument 'file'"],
    [['replay', '/no/such/file.ndjson'], 'error: no such file: /no/such/file.ndjson'],
    [['state', 'inventory-SKU-1', '--as-of', 'then'], "error: option '--as-of <revision|time>' argument 'then' is invalid. expected a revision (0, 1, …) or an ISO time (2026-01-31T14:00:00Z)."],
    [['state', 'nodash'], 'error: "nodash" is not a stream name: expected <category>-<id>, e.g. inventory-SKU-1'],
    [['state', 'audit-1'], /^error: no aggregate keeps its state in "audit-1" \(known categories: product, catalog, inventory, .*\); try commerce history audit-1$/],
    [['history', 'order-1', '--limit', '0'], "error: option '--limit <events>' argument '0' is invalid. expected a positive whole number."],
    [['history', 'order-1', '--from-revision', '-1'], "error: option '--from-revision <revision>' argument '-1' is invalid. expected a whole number (0 or more)."],
  ])('%j is misuse: one line, exit code 2', async (argv, line) => {
    const result = await cli(argv);
    expect(result).toMatchObject({ code: 2, out: '', stdout: '' });
    expect(result.err).toMatch(typeof line === 'string' ? new RegExp(`^${line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : line);
  });

  it('fails with one line and code 1 on a file that is not an export', async () => {
    const file = path.join(dir, 'bad.ndjson');
    await writeFile(file, '{"streamName":"order-1"}\n');
    expect(await cli(['replay', file], { store: target })).toMatchObject({ code: 1, err: 'error: line 1: revision: Invalid input: expected number, received undefined' });
  });

  it.each([['export'], ['replay'], ['state'], ['history']])('%s --help has examples', async (command) => {
    const result = await cli([command, '--help']);
    expect(result.code).toBe(0);
    expect(result.out).toContain(`Examples:\n  $ commerce ${command}`);
  });

  it('exits 2 from the installed bin too', async () => {
    const bin = fileURLToPath(new URL('../../../bin/commerce.js', import.meta.url));
    const result = await promisify(execFile)(bin, ['state', 'inventory-X', '--as-of', 'soon'], { env: { ...process.env, LOG_LEVEL: 'silent' } }).catch(
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});
