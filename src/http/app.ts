import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { EventStore } from '../eventstore/types.js';
import { formatPosition } from '../eventstore/position.js';

export interface AppDependencies {
  readonly logger: FastifyBaseLogger;
  readonly eventStore: EventStore;
}

/** The HTTP root: each area is a plugin registered here. */
export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const app = Fastify({ loggerInstance: deps.logger });

  app.get('/health', async () => {
    const head = await deps.eventStore.headPosition();
    return { status: 'ok', eventStore: deps.eventStore.kind, head: head ? formatPosition(head) : null };
  });

  return app;
}
