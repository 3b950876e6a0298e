import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { productStreamCategory, productStreamName } from '../domain/product/index.js';
import { wishlistStreamName } from '../domain/wishlist/index.js';
import type { System } from '../system.js';
import { demoCustomerId, demoProducts } from './demo-logins.js';
import { seedDemoShop, type SeedDemoShopOptions, type SeedReport } from './seed-demo-shop.js';
import type { SeedProgress } from './seed-support.js';
import { seedTargetFor } from './seed-target.js';

/** Logs each phase as it starts: what a server's log shows while it seeds on first start. */
export function loggedProgress(logger: Logger): SeedProgress {
  let current: { name: string; total: number; started: number } | undefined;
  const finish = () => {
    if (current) logger.debug({ phase: current.name, total: current.total, ms: Math.round(performance.now() - current.started) }, 'seed phase done');
    current = undefined;
  };
  return {
    phase(name, total) {
      finish();
      current = { name, total, started: performance.now() };
      logger.info({ phase: name, total }, 'seeding the demo shop');
    },
    advance: () => undefined,
    done: finish,
  };
}

/** No product has ever been created: a shop nobody has set up (an admin account alone does not count). */
export async function isEmptyShop(system: Pick<System, 'store'>): Promise<boolean> {
  const [first] = await system.store.readAll({ filter: { categories: [productStreamCategory] }, maxCount: 1 });
  return first === undefined;
}

/**
 * The demo seed started here (its first product carries the seed's command id) but did not finish:
 * the demo customer's wishlist, the seed's very last write, is missing. A first start stopped
 * while seeding resumes on the next start instead of leaving half a shop.
 */
export async function isDemoSeedIncomplete(system: Pick<System, 'store'>): Promise<boolean> {
  const [created] = await system.store.readStream(productStreamName(demoProducts.headphones), { maxCount: 1 });
  if (created?.metadata['commandId'] !== `seed/product/${demoProducts.headphones}/create`) return false;
  const [wished] = await system.store.readStream(wishlistStreamName(demoCustomerId), { maxCount: 1 });
  return wished === undefined;
}

export interface EnsureDemoShopOptions extends SeedDemoShopOptions {
  /** Seed even with NODE_ENV=production (the demo logins have published passwords). Default false. */
  readonly allowInProduction?: boolean;
}

/**
 * For `npm start`: seeds the demo shop when the shop is empty, so a first start has something to
 * show, and finishes a demo seed that a stop interrupted. Never in production unless asked: the
 * demo admin's password is in the README. Answers the report, or undefined when nothing was done.
 */
export async function ensureDemoShop(system: Pick<System, 'store' | 'db' | 'commands'>, config: Config, logger: Logger, options: EnsureDemoShopOptions = {}): Promise<SeedReport | undefined> {
  const { allowInProduction = false, ...seedOptions } = options;
  const empty = await isEmptyShop(system);
  if (!empty && !(await isDemoSeedIncomplete(system))) return undefined;
  if (config.NODE_ENV === 'production' && !allowInProduction) {
    logger.info('not seeding demo data in production (run `commerce seed` to seed anyway)');
    return undefined;
  }
  logger.info(
    empty
      ? 'the shop is empty: seeding the demo shop (demo@example.com / demo-password; see README)'
      : 'the demo seed was interrupted: resuming it',
  );
  const report = await seedDemoShop(seedTargetFor(system, config), { progress: loggedProgress(logger), ...seedOptions });
  logger.info({ ms: report.ms, phases: report.phases, expected: report.expected }, 'demo shop seeded');
  return report;
}
