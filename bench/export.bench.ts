/**
 * npm run bench:export — `commerce export` to NDJSON from postgres: events/s and peak RSS at two
 * history sizes (250k and 1M events, each its own schema), beside baselines measured in the same
 * run: a plain `readAll` loop over the same pages (the store's read speed, nothing serialised or
 * written) and PostgreSQL's own `COPY (SELECT json_build_object(…)) TO STDOUT` through psql (the
 * database writing the same lines with no application in between).
 * The export is measured twice: the `commerce` bin itself, as an operator runs it (tsx, no build
 * step; peak RSS is the kernel's high-water mark), and the command's code (runExport) alone in a
 * process of its own. The difference is what else the bin loads: V8 lets a heap's garbage grow in
 * proportion to what lives in it, so every module the program imports eagerly raises the peak.
 * Targets: ≥ 100k events/s; peak RSS < 200 MB, the same at both sizes.
 * Env: DATABASE_URL (default the local test server), BENCH_SCALE (default 1; 0.05 for a smoke run),
 * BENCH_PAGE (events per page, default 2000 as the command's).
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sql, type Kysely } from 'kysely';
import { runExport } from '../src/cli/commands/export.js';
import { createPostgresEventStore } from '../src/eventstore/postgres/postgres-event-store.js';
import type { Position } from '../src/eventstore/types.js';
import { dropSchema, TEST_DATABASE_URL, uniqueSchema } from '../test/support/postgres.js';
import { progressBar } from '../src/cli/progress-bar.js';
import { report, round, type Row } from './support/report.js';

const scale = Number(process.env.BENCH_SCALE ?? '1');
const pageSize = Number(process.env.BENCH_PAGE ?? '2000');
const sizes = [Math.round(250_000 * scale), Math.round(1_000_000 * scale)];

interface Measured {
  readonly events: number;
  readonly seconds: number;
  readonly wallSeconds?: number;
  /** Worker processes only: the largest heap in use seen just after a full collection. */
  readonly liveMb?: number;
  readonly peakRssMb: number;
  readonly bytes?: number;
}

type WorkerMode = 'export' | 'readall';

/**
 * In a child process of its own, one measurement printed as a JSON line: `export` is the command's
 * code (runExport) with nothing else loaded; `readall` the baseline read loop.
 */
async function worker(mode: WorkerMode, schema: string, file: string): Promise<void> {
  // What the process holds, as opposed to what V8 lets pile up between collections: the heap
  // in use just after each full collection V8 chose to run (observed a moment later: an upper bound).
  let liveMb = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if ((entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) {
        liveMb = Math.max(liveMb, process.memoryUsage().heapUsed / 2 ** 20);
      }
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  const store = await createPostgresEventStore({ connectionString: TEST_DATABASE_URL, schema, maxConnections: 4 });
  try {
    const started = performance.now();
    let events = 0;
    let bytes: number | undefined;
    if (mode === 'export') {
      events = (await runExport(store, { out: file, format: 'ndjson', pageSize }, { stdout: process.stdout, progress: false })).events;
      bytes = (await stat(file)).size;
    } else {
      let after: Position | undefined;
      for (;;) {
        const page = await store.readAll({ ...(after ? { after } : {}), maxCount: pageSize });
        events += page.length;
        if (page.length < pageSize) break;
        after = page.at(-1)!.position;
      }
    }
    observer.disconnect();
    const result: Measured = {
      events,
      seconds: (performance.now() - started) / 1000,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      liveMb,
      ...(bytes ? { bytes } : {}),
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await store.close();
  }
}

async function inChild(mode: WorkerMode, schema: string, file: string): Promise<Measured> {
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--worker', mode, schema, file], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`${mode} worker exited with ${code}`);
  return JSON.parse(output.trim().split('\n').at(-1)!) as Measured;
}

/**
 * The command as an operator runs it: the `commerce` bin (tsx, the whole program loaded) against
 * the schema. Its peak RSS is the kernel's high-water mark (VmHWM), read while it runs.
 */
async function cliExport(schema: string, file: string): Promise<Measured> {
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const bin = fileURLToPath(new URL('../bin/commerce.js', import.meta.url));
  const started = performance.now();
  const child = spawn(bin, ['export', '--out', file, '--format', 'ndjson', '--page-size', String(pageSize)], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, EVENT_STORE: 'postgres', DATABASE_URL: url.toString(), LOG_LEVEL: 'warn' },
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  let peakKb = 0;
  const poll = setInterval(() => {
    readFile(`/proc/${child.pid}/status`, 'utf8')
      .then((status) => (peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0))))
      .catch(() => undefined);
  }, 20);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearInterval(poll);
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`commerce export exited with ${code}: ${stderr}`);
  // The export's own time, from its summary line: the wall time also holds tsx's start and the migrations run on open.
  const summary = /exported ([\d,]+) events .* in ([\d.]+) s/.exec(stderr);
  const events = Number(summary?.[1]?.replaceAll(',', '') ?? NaN);
  return { events, seconds: Number(summary?.[2] ?? seconds), wallSeconds: seconds, peakRssMb: peakKb / 1024, bytes: (await stat(file)).size };
}

/** The database alone: psql runs COPY … TO STDOUT into /dev/null; its wall time is the whole cost. */
async function copyBaseline(schema: string): Promise<Measured | undefined> {
  const query =
    `COPY (SELECT json_build_object('position', e.transaction_id::text || '.' || e.global_position, 'recordedAt', e.recorded_at, ` +
    `'streamName', e.stream_name, 'revision', e.revision, 'id', e.event_id, 'type', e.event_type, 'data', e.data, 'metadata', e.metadata) ` +
    `FROM ${schema}.events e ORDER BY e.transaction_id, e.global_position) TO STDOUT`;
  const started = performance.now();
  try {
    const { stdout } = await promisify(execFile)('sh', ['-c', `psql "$URL" -v ON_ERROR_STOP=1 -q -c "$QUERY" | wc -c`], {
      env: { ...process.env, URL: TEST_DATABASE_URL, QUERY: query },
    });
    return { events: 0, seconds: (performance.now() - started) / 1000, peakRssMb: 0, bytes: Number(stdout.trim()) };
  } catch {
    return undefined; // no psql on this machine: the row says so
  }
}

/**
 * A history of `count` events by bulk INSERT (appending a million one by one would take longer than
 * the benchmark): orders, payments and inventory in many streams and 20k-row transactions, data
 * and metadata the size the command side writes (an export line is about 420 bytes).
 */
async function seed(db: Kysely<unknown>, count: number): Promise<void> {
  const perStatement = 20_000;
  const bar = progressBar(`seeding ${count} events`, count);
  for (let from = 0; from < count; from += perStatement) {
    const n = Math.min(perStatement, count - from);
    await sql`
      INSERT INTO events (event_id, stream_name, category, revision, event_type, data, metadata)
      SELECT gen_random_uuid(), category || '-' || stream, category, g / 3000, type,
             jsonb_build_object('id', stream, 'quantity', 1 + g % 5, 'amount', jsonb_build_object('amount', 1999 + g % 1000, 'currency', 'USD'),
                                'at', to_char(timestamptz '2026-11-01' + g * interval '1 second', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
             jsonb_build_object('schemaVersion', 1, 'correlationId', md5(g::text)::uuid, 'causationId', md5((g + 1)::text)::uuid,
                                'commandId', md5((g + 2)::text)::uuid, 'commandType', 'Do' || type)
      FROM (
        SELECT g, (ARRAY['order', 'payment', 'inventory'])[1 + g % 3] AS category,
               (ARRAY['OrderPlaced', 'PaymentAuthorized', 'StockReserved'])[1 + g % 3] AS type, 'S' || ((g / 3) % 1000) AS stream
        FROM generate_series(${from}::bigint, ${from + n - 1}::bigint) AS g
      ) s
      ORDER BY g`.execute(db);
    bar.increment(n);
  }
  bar.stop();
  await sql`VACUUM ANALYZE events`.execute(db);
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-export-'));
  const rows: Row[] = [];
  try {
    // One schema per size: each a history of exactly that many events.
    for (const size of sizes) {
      const schema = uniqueSchema('bench_export');
      const store = await createPostgresEventStore({ connectionString: TEST_DATABASE_URL, schema, maxConnections: 4 });
      try {
        await seed(store.db, size);
        rows.push(...(await measure(schema, size)));
      } finally {
        await store.close();
        await dropSchema(schema);
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const exports = rows.filter((r) => String(r.case).startsWith('commerce export'));
  await report('export', rows, {
    scale,
    pageSize,
    targets: { postgres: '≥ 100k events/s; peak RSS < 200 MB regardless of history size' },
    met: {
      rate: exports.every((r) => Number(r['events/s']) >= 100_000),
      rss: exports.every((r) => Number(r['peak RSS (MB)']) < 200),
    },
  });

  async function measure(schema: string, size: number): Promise<Row[]> {
    const file = path.join(dir, `export-${size}.ndjson`);
    // The CLI first: opening the store runs the migrations in the fresh schema, as `commerce` does.
    const cli = await cliExport(schema, file);
    await rm(file, { force: true });
    const alone = await inChild('export', schema, file);
    await rm(file, { force: true });
    const readAll = await inChild('readall', schema, file);
    const copy = await copyBaseline(schema);
    for (const m of [cli, alone, readAll]) if (m.events !== size) throw new Error(`expected ${size} events, got ${m.events}`);
    const rate = (m: Measured) => round(size / m.seconds);
    const row = (name: string, m: Measured): Row => ({
      'history (events)': size,
      case: name,
      'events/s': rate(m),
      'peak RSS (MB)': round(m.peakRssMb),
      'live heap (MB)': m.liveMb === undefined ? '' : round(m.liveMb),
      'output (MB)': round((m.bytes ?? 0) / 2 ** 20),
      'vs readAll': Number((rate(m) / rate(readAll)).toFixed(2)),
      'vs COPY': copy ? Number((rate(m) / rate(copy)).toFixed(2)) : 'no psql',
    });
    return [
      row('commerce export → NDJSON file', cli),
      row('runExport alone in its own process', alone),
      { 'history (events)': size, case: 'baseline: readAll loop, nothing written', 'events/s': rate(readAll), 'peak RSS (MB)': round(readAll.peakRssMb), 'live heap (MB)': round(readAll.liveMb ?? 0) },
      ...(copy ? [{ 'history (events)': size, case: 'baseline: psql COPY (json) TO STDOUT', 'events/s': rate(copy), 'output (MB)': round((copy.bytes ?? 0) / 2 ** 20) }] : []),
    ];
  }
}

if (process.argv[2] === '--worker') {
  await worker(process.argv[3] as WorkerMode, process.argv[4]!, process.argv[5]!);
} else {
  await main();
}
