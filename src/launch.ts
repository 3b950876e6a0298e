import type { FastifyInstance } from 'fastify';
import { ConfigError, loadConfig, type Config } from './config.js';
import { buildApp } from './http/app.js';
import { createLogger } from './logger.js';
import { bootstrapAdminFromEnv, ensureDemoShop } from './seed/index.js';
import { startSystem, type StartSystemOptions, type SystemRole } from './system.js';
import { RolesConfigError } from './workers/roles/roles.js';

/** How long a graceful shutdown may take before the process exits anyway (a job that never ends). */
const SHUTDOWN_GRACE_MS = 30_000;

function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

/**
 * Starts one process of the system with the given roles (`npm start`: api and worker;
 * `npm run start:api`, `npm run start:worker`: one each) and stops it gracefully on SIGTERM or
 * SIGINT: the HTTP server stops taking requests and finishes those in flight, sagas stop, job
 * workers finish their jobs, projections stop, connections close. A second signal exits at once.
 */
export async function launch(roles: readonly SystemRole[], options: Omit<StartSystemOptions, 'roles'> = {}): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message, 2);
    throw error;
  }
  const logger = createLogger(config);
  const system = await startSystem(config, logger, { ...options, roles }).catch((error: unknown) => {
    if (error instanceof RolesConfigError) fail(error.message, 2);
    throw error;
  });
  let app: FastifyInstance | undefined;
  if (roles.includes('api')) {
    await bootstrapAdminFromEnv(system.customers, logger, config);
    app = await buildApp({ config, logger, system });
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting without waiting');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal, roles }, 'shutting down: finishing requests and jobs in flight');
    setTimeout(() => {
      logger.error({ graceMs: SHUTDOWN_GRACE_MS }, 'shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    try {
      await app?.close();
      await system.stop();
      logger.info('stopped');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  if (app) {
    const address = await app.listen({ host: config.HOST, port: config.PORT });
    logger.info({ roles, eventStore: system.store.kind, jobs: system.jobs.backend, address }, 'commerce core is up');
    // An empty shop gets the demo shop, in the background so the server answers at once (never in production).
    void ensureDemoShop(system, config, logger).catch((error: unknown) => logger.error({ err: error }, 'seeding the demo shop failed'));
  } else {
    logger.info({ roles, eventStore: system.store.kind, jobs: system.jobs.backend }, 'commerce worker is up');
  }
}

/** The entry points' one line: launch, and report a start-up failure on stderr. */
export function launchOrExit(roles: readonly SystemRole[]): void {
  launch(roles).catch((error: unknown) => {
    process.stderr.write(`start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
