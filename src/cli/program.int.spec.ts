import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlStores, type OpenedStore } from '../../test/support/stores.js';
import { loadConfig } from '../config.js';
import { processLock } from '../projections/runner/testing/fixtures.js';
import { streamCountsProjection } from '../projections/runner/testing/stream-counts-projection.js';
import { runSqlProjection } from '../projections/runner/run-sql-projection.js';
import { buildProgram } from './program.js';
import { runCli } from './run-cli.js';

const postgres = sqlStores.find((s) => s.name === 'postgres')!;

/** The CLI in-process against a real Postgres schema: what an operator types, what they read back. */
describe('commerce projections (CLI) on postgres', () => {
  let opened: OpenedStore;
  const category = `cli${randomUUID().slice(0, 8)}`;
  const projections = [
    streamCountsProjection({ name: 'stream-counts', prefix: `counts_${category}`, filter: { categories: [category] } }),
    streamCountsProjection({ name: 'other-counts', prefix: `other_${category}`, filter: { categories: [category] } }),
  ];
  beforeAll(async () => {
    opened = await postgres.open();
    for (let i = 0; i < 30; i++) await opened.store.appendToStream(`${category}-${i % 4}`, [{ id: randomUUID(), type: 'Counted', data: {} }]);
  });
  afterAll(() => opened?.dispose());

  async function cli(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const program = buildProgram({
      config: () => loadConfig({ EVENT_STORE: 'pglite' }),
      logger: () => pino({ level: 'silent' }),
      out: (line) => out.push(line),
      projections,
      openContext: async () => ({ store: opened.store, db: opened.db, lock: processLock(opened), close: async () => undefined }),
    });
    const code = await runCli(program, argv, { err: (line) => err.push(line) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('prints a status table, rebuilds one or all with a summary, and shows the switch', async () => {
    const before = await cli('projections', 'status');
    expect(before.code).toBe(0);
    expect(before.out.split('\n')[0]).toMatch(/^PROJECTION\s+VERSION\s+GEN\s+STATE\s+CHECKPOINT\s+HEAD\s+LAG \(events\)\s+LAG \(s\)\s+LAST ERROR$/);
    expect(before.out).toMatch(/stream-counts\s+1\s+-\s+never-started/);

    const runner = runSqlProjection(projections[0]!, { store: opened.store, db: opened.db, lock: processLock(opened), pollIntervalMs: 10 });
    try {
      expect(await runner.waitFor((await opened.store.headPosition())!, 20_000)).toBe(true);
      const live = await cli('projections', 'status', '--json');
      const report = (JSON.parse(live.out) as Array<{ name: string; state: string; generation: number; lagEvents: number }>).find((r) => r.name === 'stream-counts');
      expect(report).toMatchObject({ state: 'live', generation: 1, lagEvents: 0 });

      const rebuilt = await cli('projections', 'rebuild', 'stream-counts', '--batch-size', '7');
      expect(rebuilt).toMatchObject({ code: 0, err: '' });
      expect(rebuilt.out).toMatch(/^stream-counts: generation 2 live, replacing generation 1 — 30 events in [\d.]+ s \([\d,]+ events\/s\)$/);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect((await cli('projections', 'status')).out).toMatch(/stream-counts\s+1\s+2\s+live/);
    } finally {
      await runner.stop();
    }

    const all = await cli('projections', 'rebuild', 'all');
    expect(all.code).toBe(0);
    expect(all.out.split('\n')).toHaveLength(2);
    // Its runner stopped cleanly; the other projection was never run by a runner at all.
    const status = (await cli('projections', 'status')).out;
    expect(status).toMatch(/stream-counts\s+1\s+3\s+stopped/);
    expect(status).toMatch(/other-counts\s+1\s+1\s+not-running/);
  });

  it.each([
    [['projections', 'rebuild', 'nope'], 'error: unknown projection "nope" (known: stream-counts, other-counts, or all)'],
    [['projections', 'rebuild'], "error: missing required argument 'name'"],
    [['projections', 'rebuild', 'all', '--batch-size', '0'], "error: option '--batch-size <events>' argument '0' is invalid. expected a positive whole number."],
    [['projections', 'status', '--jsn'], "error: unknown option '--jsn' (Did you mean --json?)"],
    [['projektions'], "error: unknown command 'projektions' (Did you mean projections?)"],
  ])('%j is misuse: one line, exit code 2', async (argv, line) => {
    const result = await cli(...argv);
    expect(result).toMatchObject({ code: 2, err: line, out: '' });
  });

  it.each([[[]], [['migrate']], [['projections']], [['projections', 'status']], [['projections', 'rebuild']]])('%j --help has examples', async (argv) => {
    const out: string[] = [];
    const program = buildProgram({ config: () => loadConfig({}), logger: () => pino({ level: 'silent' }), out: (l) => out.push(l), projections });
    expect(await runCli(program, [...argv, '--help'], { err: () => undefined, out: (text) => out.push(text) })).toBe(0);
    expect(out.join('')).toContain('Examples:\n  $ commerce');
  });
});
