import { Command, InvalidArgumentError } from 'commander';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { sqlProjections } from '../projections/registry.js';
import type { SqlProjection } from '../projections/runner/sql-projection.js';
import { migrate, migrateSummary } from './commands/migrate.js';
import { formatStatusTable, projectionsStatus, statusJson } from './commands/projections-status.js';
import { projectionsRebuild } from './commands/projections-rebuild.js';
import { openProjectionContext, type ProjectionContext } from './open-projection-context.js';
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
}

const examples = (...lines: string[]) => `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive whole number.');
  return n;
}

/** `commerce`: operations on the configured system. Commands are thin: the work is in ./commands. */
export function buildProgram(env: CliEnvironment): Command {
  const projections = env.projections ?? sqlProjections;
  const known = projections.map((p) => p.name);

  async function withContext<T>(work: (ctx: ProjectionContext, logger: Logger) => Promise<T>): Promise<T> {
    const config = env.config();
    const logger = env.logger(config);
    const ctx = await (env.openContext ?? openProjectionContext)(config, logger);
    try {
      return await work(ctx, logger);
    } finally {
      await ctx.close();
    }
  }

  const program = new Command('commerce')
    .description('Operate the commerce core: database migrations and read-model projections.')
    .showSuggestionAfterError(true)
    .addHelpText(
      'after',
      examples('commerce migrate', 'commerce projections status', 'commerce projections rebuild all') +
        '\nConfiguration comes from the environment (EVENT_STORE, DATABASE_URL, DATA_DIR, ...), as for `npm start`.\n',
    );

  program
    .command('migrate')
    .description('Bring the configured database to the latest schema.')
    .addHelpText('after', examples('commerce migrate', 'EVENT_STORE=postgres DATABASE_URL=postgres://localhost/commerce commerce migrate'))
    .action(async () => {
      env.out(migrateSummary(await migrate(env.config())));
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
      const reports = await withContext((ctx) => projectionsStatus(ctx, projections));
      env.out(options.json ? statusJson(reports) : formatStatusTable(reports));
    });

  projectionsCommand
    .command('rebuild')
    .description('Rebuild projections beside the live ones and switch atomically once caught up (reads never stop).')
    .argument('<name>', `a projection name, or "all" (known: ${known.join(', ')})`)
    .option('--batch-size <events>', 'events per page and transaction', positiveInteger, 2_000)
    .option('--wait', 'wait for a rebuild of the same projection running elsewhere instead of failing')
    .addHelpText(
      'after',
      examples('commerce projections rebuild all', `commerce projections rebuild ${known[0] ?? '<name>'} --batch-size 5000`) +
        '\nInterrupted (Ctrl-C), a rebuild resumes where it stopped the next time it is run.\n',
    )
    .action(async (name: string, options: { batchSize: number; wait?: boolean }) => {
      const chosen = name === 'all' ? projections : projections.filter((p) => p.name === name);
      if (chosen.length === 0) throw new UsageError(`unknown projection "${name}" (known: ${known.join(', ')}, or all)`);
      await withContext((ctx, logger) =>
        projectionsRebuild(
          ctx,
          chosen,
          { batchSize: options.batchSize, wait: options.wait ?? false, logger, ...(env.signal ? { signal: env.signal } : {}) },
          env.out,
        ),
      );
    });

  return program;
}
