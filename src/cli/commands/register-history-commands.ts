import { statSync } from 'node:fs';
import { Option, type Command } from 'commander';
import type { Logger } from 'pino';
import type { Readable, Writable } from 'node:stream';
import type { Config } from '../../config.js';
import type { ExportFormat } from '../../history/export/export-lines.js';
import type { AsOf } from '../../history/stream-as-of.js';
import type { Position } from '../../eventstore/types.js';
import type { HistoryContext } from './open-history-store.js';
import { asOf, checkStreamName, collectNames, isoTime, nonNegativeInteger, position, positiveInteger } from './history-arguments.js';
import { UsageError } from '../usage-error.js';

/*
 * The commands' code is imported when one of them runs, not when the program is built: every
 * module a process loads stays in its heap, and V8 lets a heap's garbage grow in proportion to
 * what lives in it. An export that does not load the domain's deciders peaks lower.
 */
const exportCommand = () => import('./export.js');
const replayCommand = () => import('./replay.js');
const stateCommand = () => import('./state.js');
const historyCommand = () => import('./history.js');
const readable = () => import('./readable-store.js');

export interface HistoryCommandsEnvironment {
  /** Opens the configured store for one command and closes it after. */
  readonly withStore: <T>(work: (ctx: HistoryContext, logger: Logger, config: Config) => Promise<T>) => Promise<T>;
  /** stdout, a line at a time (tables, JSON). */
  readonly out: (line: string) => void;
  /** stderr, a line at a time (summaries of commands whose stdout is data). */
  readonly err: (line: string) => void;
  /** stdout as a stream, for exports (written with backpressure). */
  readonly stdout: Writable;
  readonly stdin: Readable;
  /** Progress bars on stderr (a terminal). */
  readonly progress: boolean;
  readonly signal?: AbortSignal;
}

const examples = (...lines: string[]) => `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;

interface ExportFlags {
  format?: ExportFormat;
  out?: string;
  from?: Date;
  to?: Date;
  category: string[];
  type: string[];
  after?: Position;
  until?: Position;
  upcast?: boolean;
  pageSize: number;
}

/** `export`, `replay`, `state` and `history`: the event log for analysts and ops. */
export function registerHistoryCommands(program: Command, env: HistoryCommandsEnvironment): void {
  const signal = env.signal ? { signal: env.signal } : {};

  program
    .command('export')
    .description('Stream events from the log to NDJSON or CSV, in global order, filtered; to a file or stdout.')
    .addOption(new Option('--format <format>', 'output format (default: from the --out extension, else ndjson)').choices(['ndjson', 'csv']))
    .option('--out <file>', 'write to this file (complete or not at all) instead of stdout')
    .option('--from <time>', 'only events recorded at or after this ISO time', isoTime)
    .option('--to <time>', 'only events recorded before this ISO time', isoTime)
    .option('--category <name>', 'only streams of this category (repeatable, or comma-separated)', collectNames, [])
    .option('--type <type>', 'only events of this type (repeatable, or comma-separated)', collectNames, [])
    .option('--after <position>', 'only events after this global position "commit.prepare" (exclusive)', position)
    .option('--until <position>', 'only events up to this global position (inclusive; default: the head when the export starts)', position)
    .option('--upcast', 'write every event in its current schema version (for analysis; a backup keeps the stored versions)')
    .option('--page-size <events>', 'events read per page', positiveInteger, 2_000)
    .addHelpText(
      'after',
      examples(
        'commerce export --out backup.ndjson',
        'commerce export --category order --category payment --from 2026-01-01 --to 2026-02-01 --out january.csv',
        'commerce export --type StockReserved,ReservationCommitted | jq -c .data',
        'commerce export --after 7342.118 --out since-last-backup.ndjson',
      ) +
        '\nEach NDJSON line: {"position","recordedAt","streamName","revision","id","type","data","metadata"}; CSV has the same\n' +
        'columns with data and metadata as JSON. The export ends at the head of the log when it started and prints (on\n' +
        'stderr) the position to pass to --after next time. Time filters are checked per event (the log has no time\n' +
        'index): on a large log, bound the scan with --after/--until too. Customer PII stays sealed in exports.\n',
    )
    .action(async (flags: ExportFlags) => {
      const { category, type, ...rest } = flags;
      const { checkExportRanges, exportSummaryLine, runExport } = await exportCommand();
      checkExportRanges(rest);
      const summary = await env.withStore((ctx) =>
        runExport(ctx.store, { ...rest, categories: category, eventTypes: type }, { stdout: env.stdout, progress: env.progress, ...signal }),
      );
      env.err(exportSummaryLine(summary));
    });

  program
    .command('replay')
    .description('Append an NDJSON export to the configured store: same streams, revisions and event ids; safe to re-run.')
    .argument('<file>', 'an NDJSON export, or - for stdin')
    .option('--batch-size <events>', 'most events of one stream per append', positiveInteger, 500)
    .addHelpText(
      'after',
      examples(
        'commerce replay backup.ndjson',
        'commerce export --category order | EVENT_STORE=postgres DATABASE_URL=postgres://analytics/db commerce replay -',
      ) +
        '\nEvery event lands at its original revision with its original id, type, data and metadata, in the order of the\n' +
        'file. Re-running skips what is already there (after an interruption, or an incremental export). A stream that\n' +
        'differs in the target stops the replay with an error. Positions and recording times are the target\'s own.\n' +
        'Replay whole streams: a file exported with --type, --from or --to has gaps and is refused where one shows.\n',
    )
    .action(async (file: string, flags: { batchSize: number }) => {
      if (file !== '-' && !statSync(file, { throwIfNoEntry: false })?.isFile()) throw new UsageError(`no such file: ${file}`);
      const { replaySummaryLine, runReplay } = await replayCommand();
      const summary = await env.withStore((ctx) =>
        runReplay(ctx.store, file, { batchSize: flags.batchSize }, { stdin: env.stdin, progress: env.progress, ...signal }),
      );
      env.out(replaySummaryLine(summary));
    });

  program
    .command('state')
    .description("An aggregate's state folded from its stream, now or as of a revision or time, as JSON.")
    .argument('<stream>', 'a stream name, e.g. inventory-SKU-1 or order-<uuid>')
    .option('--as-of <revision|time>', 'a revision (0 is the first event) or an ISO time (events recorded at or before it)', asOf)
    .option('--events', 'include the events folded')
    .addHelpText(
      'after',
      examples('commerce state inventory-SKU-1', 'commerce state order-6f1c… --as-of 3', 'commerce state inventory-SKU-1 --as-of 2026-01-31T18:00:00Z --events'),
    )
    .action(async (stream: string, flags: { asOf?: AsOf; events?: boolean }) => {
      const [{ checkStream, runState }, { readableStore }] = await Promise.all([stateCommand(), readable()]);
      checkStream(stream);
      env.out(await env.withStore(async (ctx, logger, config) => runState(readableStore(ctx.store, await ctx.database(), config, logger), stream, flags.asOf, flags)));
    });

  program
    .command('history')
    .description("A stream's events as a table, oldest first.")
    .argument('<stream>', 'a stream name, e.g. inventory-SKU-1')
    .option('--from-revision <revision>', 'start at this revision', nonNegativeInteger, 0)
    .option('--limit <events>', 'show at most this many events', positiveInteger, 200)
    .option('--wide', 'show the whole of each event\'s data')
    .option('--json', 'NDJSON lines (the export format) instead of a table')
    .addHelpText(
      'after',
      examples('commerce history inventory-SKU-1', 'commerce history order-6f1c… --wide', 'commerce history inventory-SKU-1 --from-revision 200 --limit 50 --json') +
        '\nV is the schema version read: 2←1 was stored as version 1 and upcast when read.\n',
    )
    .action(async (stream: string, flags: { fromRevision: number; limit: number; wide?: boolean; json?: boolean }) => {
      checkStreamName(stream);
      const [{ runHistory }, { readableStore }] = await Promise.all([historyCommand(), readable()]);
      const lines = await env.withStore(async (ctx, logger, config) => runHistory(readableStore(ctx.store, await ctx.database(), config, logger), stream, flags));
      for (const line of lines) env.out(line);
    });
}
