import { createHmac, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import fastifyCors from '@fastify/cors';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import helmet from 'helmet';
import { Redis } from 'ioredis';
import type { Config } from '../config.js';
import { customerStreamName } from '../domain/customer/index.js';
import type { SearchPort } from '../search/search-port.js';
import type { System } from '../system.js';
import { authPlugin } from './auth/auth-plugin.js';
import { resolveJwtSecret } from './auth/jwt-secret.js';
import { healthRoutes } from './health-routes.js';
import { createIdempotencyStore } from './idempotency/idempotency-store.js';
import { idempotencyPlugin } from './idempotency/idempotency-plugin.js';
import { metricsPlugin } from './metrics/metrics-plugin.js';
import { openApiPlugin } from './openapi/openapi-plugin.js';
import { opsConsoleRoutes } from './ops/ops-console-plugin.js';
import { registerProblemHandlers } from './problems/error-handler.js';
import { problems } from './problems/problem.js';
import { createRouteDeps } from './route-deps.js';
import { apiRoutes } from './routes/index.js';

export interface AppDependencies {
  readonly config: Config;
  readonly logger: FastifyBaseLogger;
  readonly system: System;
  /** A search adapter other than the default Postgres one (tests, Typesense). */
  readonly search?: SearchPort;
}

/** Larger bodies are refused before parsing: no request of this API needs more. */
export const BODY_LIMIT_BYTES = 256 * 1024;

/** The HTTP root: cross-cutting plugins first, then one plugin per area under /api/v1. */
export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const { config, system } = deps;
  const app = Fastify({
    loggerInstance: deps.logger,
    bodyLimit: BODY_LIMIT_BYTES,
    // A caller's request id is kept (tracing across services); otherwise one is made. Every log line of the request carries it.
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerProblemHandlers(app);
  // Security headers (helmet's defaults) and the request id, on every answer. Helmet's defaults do
  // not depend on the request, so they are worked out once: @fastify/helmet built helmet on every
  // request (~12% of a hello-world's CPU) and even a helmet built once ran its chain of eleven
  // middlewares and raw setHeader calls per request (~7%; bench:http). Set before any handler runs,
  // so that error answers carry them too; a route may still override one (Swagger UI's CSP).
  const securityHeaders = staticHeadersOf(helmet());
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(securityHeaders).header('x-request-id', request.id);
    done();
  });
  // CORS disabled (the default: no CORS_ORIGINS) adds no header and answers no preflight, yet the
  // plugin's hook would still run on every request (~1.5% of a product read's CPU; bench:http).
  const cors = corsOptions(config.CORS_ORIGINS);
  if (cors.origin !== false) await app.register(fastifyCors, cors);
  const redis = config.REDIS_URL ? new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false }) : undefined;
  await app.register(fastifyRateLimit, {
    global: false,
    ...(redis ? { redis, nameSpace: 'commerce-rate-limit:' } : {}),
    // A rate-limit store outage must not take the shop down with it.
    skipOnError: true,
    errorResponseBuilder: (_request, context) => problems.tooManyRequests(`at most ${context.max} requests per ${context.after}; retry after ${context.after}`),
  });
  if (redis) app.addHook('onClose', async () => void redis.disconnect());

  await app.register(openApiPlugin);
  await app.register(metricsPlugin, { projections: system.projections });
  const jwtSecret = resolveJwtSecret({ value: config.JWT_SECRET, nodeEnv: config.NODE_ENV, warn: (m) => deps.logger.warn(m) });
  await app.register(authPlugin, {
    secret: jwtSecret,
    ttlSeconds: config.JWT_TTL_SECONDS,
    async loadPrincipal(customerId) {
      const { state } = await system.commands.customer.current(customerStreamName(customerId));
      return state.status === 'registered' ? { customerId, roles: state.roles } : undefined;
    },
  });
  await app.register(idempotencyPlugin, {
    store: createIdempotencyStore(system.db),
    fingerprintKey: createHmac('sha256', jwtSecret).update('idempotency-fingerprint').digest(),
  });

  await app.register(healthRoutes, { system, redis });
  await app.register(opsConsoleRoutes);
  const routeDeps = createRouteDeps(config, system, deps.search);
  await app.register(
    async (api) => {
      for (const routes of apiRoutes) await api.register(routes, routeDeps);
    },
    { prefix: '/api/v1' },
  );
  return app;
}

/** The headers a request-independent Node middleware sets (helmet with its defaults), captured once. */
function staticHeadersOf(middleware: (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: unknown) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  let failed: unknown;
  middleware({} as IncomingMessage, recorder as unknown as ServerResponse, (error) => (failed = error));
  if (failed !== undefined) throw failed instanceof Error ? failed : new Error(String(failed));
  return headers;
}

function corsOptions(origins: string): { origin: boolean | string[] } {
  const list = origins.split(',').map((o) => o.trim()).filter(Boolean);
  if (list.includes('*')) return { origin: true };
  return { origin: list.length > 0 ? list : false };
}
