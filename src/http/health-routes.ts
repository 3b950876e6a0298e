import type { FastifyPluginAsync } from 'fastify';
import type { Redis } from 'ioredis';
import { sql } from 'kysely';
import { formatPosition } from '../eventstore/position.js';
import type { System } from '../system.js';

interface HealthDeps {
  readonly system: System;
  readonly redis: Redis | undefined;
}

const CHECK_TIMEOUT_MS = 2_000;

/**
 * `/health`: the process is alive (for restarts). `/ready`: every dependency answers (for load
 * balancers): event store, read-model database, Redis when configured. 503 names what failed.
 */
export const healthRoutes: FastifyPluginAsync<HealthDeps> = async (app, { system, redis }) => {
  app.get('/health', { schema: { hide: true } }, async () => ({ status: 'ok' }));

  app.get('/ready', { schema: { hide: true } }, async (_request, reply) => {
    const checks: Record<string, () => Promise<unknown>> = {
      eventStore: async () => {
        const head = await system.store.headPosition();
        return head ? formatPosition(head) : null;
      },
      database: async () => (await sql`SELECT 1 AS ok`.execute(system.db)).rows.length === 1,
      ...(redis ? { redis: async () => redis.ping() } : {}),
    };
    const results = await Promise.all(
      Object.entries(checks).map(async ([name, check]) => {
        try {
          return [name, { ok: true, detail: await withTimeout(check(), CHECK_TIMEOUT_MS) }] as const;
        } catch (error) {
          return [name, { ok: false, detail: error instanceof Error ? error.message : String(error) }] as const;
        }
      }),
    );
    const ready = results.every(([, result]) => result.ok);
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', eventStore: system.store.kind, checks: Object.fromEntries(results) });
  });
};

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]);
}
