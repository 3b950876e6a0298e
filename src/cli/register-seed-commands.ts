import { InvalidArgumentError, type Command } from 'commander';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { defaultDemoShopOptions } from '../seed/demo-shop-options.js';
import type { DemoLogins } from '../seed/demo-logins.js';
import type { CommandSide } from '../seed/open-command-side.js';
import type { SeedReport } from '../seed/seed-demo-shop.js';
import type { SeedProgress } from '../seed/seed-support.js';
import type { System } from '../system.js';
import type { CliEnvironment } from './program.js';
import { progressBar } from './progress-bar.js';
import { UsageError } from './usage-error.js';

/** What the commands open; tests pass their own (an already running system, a shared store). */
export interface SeedCommandDeps {
  readonly startSystem?: (config: Config, logger: Logger) => Promise<System>;
  readonly openCommandSide?: (config: Config, logger: Logger) => Promise<CommandSide>;
  /** Where ADMIN_EMAIL / ADMIN_PASSWORD are read (default process.env). */
  readonly env?: NodeJS.ProcessEnv;
}

const examples = (...lines: string[]) => `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;

function count(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) throw new InvalidArgumentError('expected a whole number.');
  return n;
}

/** One progress bar per phase on a terminal (progressBar is silent when stderr is not one). */
function terminalProgress(): SeedProgress {
  let bar: ReturnType<typeof progressBar> | undefined;
  return {
    phase(name, total) {
      bar?.stop();
      bar = progressBar(name.padEnd(15), Math.max(total, 1));
    },
    advance: (n = 1) => bar?.increment(n),
    done() {
      bar?.stop();
      bar = undefined;
    },
  };
}

function summary(report: SeedReport, demoLogins: DemoLogins): string {
  const seconds = (report.ms / 1000).toFixed(1);
  if (report.unchanged) return `the demo shop is already there: nothing to add (checked in ${seconds} s)`;
  const { expected, options } = report;
  const added = report.phases.filter((p) => p.added > 0).map((p) => `${p.name} +${p.added} (${(p.ms / 1000).toFixed(1)} s)`);
  return [
    `seeded the demo shop in ${seconds} s: ${options.products} products (${expected.skus} SKUs), ${expected.confirmedOrders} confirmed and ${expected.rejectedOrders} rejected orders, ${expected.approvedReviews} approved reviews`,
    `  added: ${added.join(', ')}`,
    `  log in as ${demoLogins.customer.email} / ${demoLogins.customer.password} (seller: ${demoLogins.seller.email} / ${demoLogins.seller.password}, admin: ${demoLogins.admin.email} / ${demoLogins.admin.password})`,
  ].join('\n');
}

/** `commerce seed` and `commerce create-admin`. */
export function registerSeedCommands(program: Command, env: CliEnvironment, deps: SeedCommandDeps = {}): void {
  program
    .command('seed')
    .description('Generate the demo shop (categories, products, stock, accounts, orders through the checkout saga, reviews). Idempotent.')
    .option('--products <n>', 'products to create', count, defaultDemoShopOptions.products)
    .option('--orders <n>', 'orders to place and check out', count, defaultDemoShopOptions.orders)
    .option('--customers <n>', 'shoppers besides the demo accounts (at least 1)', count, defaultDemoShopOptions.customers)
    .option('--seed <n>', 'random seed: the same seed always makes the same shop', count, defaultDemoShopOptions.seed)
    .option('--no-wait', 'stop without waiting for the read models to catch up')
    .addHelpText(
      'after',
      examples('npm run seed', 'commerce seed --products 50 --orders 80', 'EVENT_STORE=postgres DATABASE_URL=postgres://localhost/commerce commerce seed') +
        '\nRunning it again adds nothing; with larger numbers it adds what is missing. Ids are fixed:' +
        '\nproducts prd-0001…, SKUs PRD-0001-BLK…, orders ord-0001…; logins demo@example.com / demo-password,' +
        '\nseller@example.com / seller-password, admin@example.com / admin-password. On PGlite, stop the server first.\n',
    )
    .action(async (options: { products: number; orders: number; customers: number; seed: number; wait: boolean }) => {
      if (options.customers < 1) throw new UsageError('--customers must be at least 1');
      const config = env.config();
      const logger = env.logger(config);
      if (config.NODE_ENV === 'production') logger.warn('seeding demo accounts, whose passwords are published, into a production store');
      // Loaded when the command runs: the whole system (and faker) would weigh on every other command.
      const { startSystem } = await import('../system.js');
      const { seedDemoShop } = await import('../seed/seed-demo-shop.js');
      const { seedTargetFor } = await import('../seed/seed-target.js');
      const system = await (deps.startSystem ?? startSystem)(config, logger);
      try {
        const { wait, ...shop } = options;
        const report = await seedDemoShop(seedTargetFor(system, config), { ...shop, progress: terminalProgress() });
        if (wait) {
          const head = await system.store.headPosition();
          const caught = head ? await Promise.all(system.projections.map((p) => p.waitFor(head, 300_000))) : [];
          if (caught.includes(false)) logger.warn('some read models had not caught up; they will when the server runs');
        }
        env.out(summary(report, (await import('../seed/demo-logins.js')).demoLogins));
      } finally {
        await system.stop();
      }
    });

  program
    .command('create-admin')
    .description('Create the first admin, or give an existing account the admin role (idempotent).')
    .option('--email <email>', 'the admin’s email (default: ADMIN_EMAIL)')
    .option('--password <password>', 'the password of a new account (default: ADMIN_PASSWORD; prefer the variable: flags end up in shell history)')
    .option('--name <name>', 'display name of a new account', 'Administrator')
    .option('--reset-password', 'when the account exists and its password differs, set it to the one given')
    .addHelpText(
      'after',
      examples('ADMIN_EMAIL=ops@example.com ADMIN_PASSWORD=… commerce create-admin', 'commerce create-admin --email ops@example.com --reset-password') +
        '\nAn existing account keeps its password unless --reset-password is given. `npm start` does the same from' +
        '\nADMIN_EMAIL / ADMIN_PASSWORD on every start.\n',
    )
    .action(async (options: { email?: string; password?: string; name: string; resetPassword?: boolean }) => {
      // Flags first, then the variables `npm start` reads (either may supply what the other lacks).
      const source = deps.env ?? process.env;
      const email = options.email ?? source['ADMIN_EMAIL']?.trim();
      const password = options.password ?? source['ADMIN_PASSWORD'];
      if (!email) throw new UsageError('give --email or set ADMIN_EMAIL');
      if (!password) throw new UsageError('give --password or set ADMIN_PASSWORD');
      const config = env.config();
      const logger = env.logger(config);
      const { openCommandSide } = await import('../seed/open-command-side.js');
      const { describeBootstrap } = await import('../seed/bootstrap-admin-from-env.js');
      const side = await (deps.openCommandSide ?? openCommandSide)(config, logger);
      try {
        const result = await side.accounts.bootstrapAdmin({ email, password, name: options.name, resetPassword: options.resetPassword ?? false });
        if (!result.ok && (result.error.code === 'WEAK_PASSWORD' || result.error.code === 'INVALID_REGISTRATION')) {
          throw new UsageError(describeBootstrap(email, result));
        }
        if (!result.ok) throw new Error(describeBootstrap(email, result));
        env.out(describeBootstrap(email, result));
      } finally {
        await side.close();
      }
    });
}
