import type { Readable, Writable } from 'node:stream';
import { Command, InvalidArgumentError } from 'commander';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { SqlProjection } from '../projections/runner/sql-projection.js';
import { registerHistoryCommands } from './commands/register-history-commands.js';
import { registerSeedCommands } from './register-seed-commands.js';
import type { HistoryContext } from './commands/open-history-store.js';
import type { ProjectionContext } from './open-projection-context.js';
import { UsageError } from './usage-error.js';

export interface CliEnvironment {
  /** Reads and validates the configuration only when a command needs the database (so --help never does). */
  readonly config: () => Config;
  readonly logger: (config: Config) => Logger;
  readonly out: (line: string) => void;
  readonly projections?: readonly SqlProjection[];
  readonly openContext?: (config: Config, logger: Logger) => Promise<ProjectionContext>;
  /** Aborted on Ctrl-C: a rebuild stops between pages and resumes next time. */
  readonly signal?: AbortSignal;
  /** stderr, a line at a time: summaries of commands whose stdout is data (`export`). Default: process.stderr. */
  readonly err?: (line: string) => void;
  /** Where `export` streams its data. Default: process.stdout. */
  readonly stdout?: Writable;
  /** What `replay -` reads. Default: process.stdin. */
  readonly stdin?: Readable;
  /** Progress bars on stderr. Default: when stderr is a terminal. */
  readonly progress?: boolean;
}

const examples = (...lines: string[]) => `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive whole number.');
  return n;
}

/** `commerce`: operations on the configured system. Commands are thin: the work is in ./commands. */
export function buildProgram(env: CliEnvironment): Command {
  // The read models' code is loaded only for the `projections` commands (see the preSubcommand hook):
  // a process keeps every module it loads, and an export or a --help has no use for them.
  let projections = env.projections;
  const known = () => (projections ?? []).map((p) => p.name);
  async function loadProjections(): Promise<readonly SqlProjection[]> {
    projections ??= (await import('../projections/registry.js')).sqlProjections;
    return projections;
  }

  async function withContext<T>(work: (ctx: ProjectionContext, logger: Logger, config: Config) => Promise<T>): Promise<T> {
    const config = env.config();
    const logger = env.logger(config);
    // Imported when a command runs: `--help` and misuse stay fast, and a process holds only what it uses.
    const open = env.openContext ?? (await import('./open-projection-context.js')).openProjectionContext;
    const ctx = await open(config, logger);
    try {
      return await work(ctx, logger, config);
    } finally {
      await ctx.close();
    }
  }

  /** The event store alone, for the history commands (an injected context in tests). */
  async function withStore<T>(work: (ctx: HistoryContext, logger: Logger, config: Config) => Promise<T>): Promise<T> {
    if (env.openContext) return withContext((ctx, logger, config) => work({ store: ctx.store, database: async () => ctx.db, close: ctx.close }, logger, config));
    const config = env.config();
    const logger = env.logger(config);
    const ctx = await (await import('./commands/open-history-store.js')).openHistoryStore(config);
    try {
      return await work(ctx, logger, config);
    } finally {
      await ctx.close();
    }
  }

  const program = new Command('commerce')
    .description('Operate the commerce core: database migrations, read-model projections, and the event history (export, replay, state, history).')
    .showSuggestionAfterError(true)
    .addHelpText(
      'after',
      examples(
        'commerce migrate',
        'commerce projections status',
        'commerce projections rebuild all',
        'commerce export --out backup.ndjson',
        'commerce state inventory-SKU-1 --as-of 2026-01-31T18:00:00Z',
      ) +
        '\nConfiguration comes from the environment (EVENT_STORE, DATABASE_URL, DATA_DIR, ...), as for `npm start`.\n',
    );

  program
    .command('migrate')
    .description('Bring the configured database to the latest schema.')
    .addHelpText('after', examples('commerce migrate', 'EVENT_STORE=postgres DATABASE_URL=postgres://localhost/commerce commerce migrate'))
    .action(async () => {
      const { migrate, migrateSummary } = await import('./commands/migrate.js');
      env.out(migrateSummary(await migrate(env.config())));
    });

  program.hook('preSubcommand', async (_program, subcommand) => {
    if (subcommand.name() === 'projections') await loadProjections();
  });

  const projectionsCommand = program
    .command('projections')
    .description('Inspect and rebuild the read-model projections.')
    .addHelpText('after', examples('commerce projections status', 'commerce projections rebuild reservation-deadlines'));

  projectionsCommand
    .command('status')
    .description('Show each projection: version, generation, state, checkpoint, head, lag and last error.')
    .option('--json', 'print JSON instead of a table')
    .addHelpText(
      'after',
      examples('commerce projections status', 'commerce projections status --json | jq \'.[] | select(.lagEvents > 0)\'') +
        '\nLag counts stop at 100,000 events (shown as ≥100,000). LAG (s) is how long the oldest event not yet applied has waited.\n',
    )
    .action(async (options: { json?: boolean }) => {
      const [{ formatStatusTable, projectionsStatus, statusJson }, all] = await Promise.all([import('./commands/projections-status.js'), loadProjections()]);
      const reports = await withContext((ctx) => projectionsStatus(ctx, all));
      env.out(options.json ? statusJson(reports) : formatStatusTable(reports));
    });

  projectionsCommand
    .command('rebuild')
    .description('Rebuild projections beside the live ones and switch atomically once caught up (reads never stop).')
    .argument('<name>', 'a projection name (listed below), or "all"')
    .option('--batch-size <events>', 'events per page and transaction', positiveInteger, 2_000)
    .option('--wait', 'wait for a rebuild of the same projection running elsewhere instead of failing')
    .addHelpText(
      'after',
      () =>
        examples('commerce projections rebuild all', `commerce projections rebuild ${known()[0] ?? '<name>'} --batch-size 5000`) +
        `\nProjections: ${known().join(', ')}.\n` +
        '\nInterrupted (Ctrl-C), a rebuild resumes where it stopped the next time it is run.\n',
    )
    .action(async (name: string, options: { batchSize: number; wait?: boolean }) => {
      const all = await loadProjections();
      const chosen = name === 'all' ? all : all.filter((p) => p.name === name);
      if (chosen.length === 0) throw new UsageError(`unknown projection "${name}" (known: ${known().join(', ')}, or all)`);
      const { projectionsRebuild } = await import('./commands/projections-rebuild.js');
      await withContext((ctx, logger) =>
        projectionsRebuild(
          ctx,
          chosen,
          { batchSize: options.batchSize, wait: options.wait ?? false, logger, ...(env.signal ? { signal: env.signal } : {}) },
          env.out,
        ),
      );
    });

  registerHistoryCommands(program, {
    withStore,
    out: env.out,
    err: env.err ?? ((line) => process.stderr.write(`${line}\n`)),
    stdout: env.stdout ?? process.stdout,
    stdin: env.stdin ?? process.stdin,
    progress: env.progress ?? process.stderr.isTTY === true,
    ...(env.signal ? { signal: env.signal } : {}),
  });

  registerSeedCommands(program, env);

  return program;
}
