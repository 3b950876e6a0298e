import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import { formatPosition } from '../eventstore/position.js';
import type { System } from '../system.js';

export interface AppDependencies {
  readonly config: Config;
  readonly logger: FastifyBaseLogger;
  readonly system: System;
}

/** The HTTP root: each area is a plugin registered here. */
export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const app = Fastify({ loggerInstance: deps.logger });

  app.get('/health', async () => {
    const head = await deps.system.store.headPosition();
    return { status: 'ok', eventStore: deps.system.store.kind, head: head ? formatPosition(head) : null };
  });

  return app;
}
