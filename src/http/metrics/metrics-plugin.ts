import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { commandStats } from '../../commands/command-stats.js';
import type { RunningProjection } from '../../projections/runner/run-sql-projection.js';

export interface MetricsPluginOptions {
  /** The projections this process runs; an API-only process has none and reports no lag. */
  readonly projections: readonly RunningProjection[];
}

/**
 * Prometheus metrics at GET /metrics: request latency per route, optimistic-concurrency conflicts
 * and retries of the command side, and projection lag. One registry per app, so tests that build
 * several apps in one process do not collide.
 */
export const metricsPlugin = fp(
  async (app: FastifyInstance, { projections }: MetricsPluginOptions) => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });

    const latency = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request latency by route',
      labelNames: ['method', 'route', 'status_code'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    });
    mirroredCounter(registry, 'commerce_command_conflicts_total', 'Appends refused because another writer moved the stream first', () => commandStats.conflicts);
    mirroredCounter(registry, 'commerce_command_retries_total', 'Commands decided again after a conflict', () => commandStats.retries);
    mirroredCounter(registry, 'commerce_command_retries_exhausted_total', 'Commands that gave up after the retry budget', () => commandStats.exhausted);

    const lagEvents = new Gauge({ name: 'commerce_projection_lag_events', help: 'Events not yet applied, per projection', labelNames: ['projection'] as const, registers: [registry] });
    const lagSeconds = new Gauge({ name: 'commerce_projection_lag_seconds', help: 'Age of the oldest event not yet applied', labelNames: ['projection'] as const, registers: [registry] });

    // One labelled child per method, route and status, found by a string key: prom-client would
    // otherwise hash the label object on every request (measured with bench:http).
    const series = new Map<string, { observe(value: number): void }>();
    app.addHook('onResponse', (request, reply, done) => {
      const route = request.routeOptions.url ?? 'unmatched';
      const key = `${request.method} ${reply.statusCode} ${route}`;
      let child = series.get(key);
      if (child === undefined) {
        child = latency.labels({ method: request.method, route, status_code: String(reply.statusCode) });
        series.set(key, child);
      }
      child.observe(reply.elapsedTime / 1000);
      done();
    });

    app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
      await Promise.all(
        projections.map(async (projection) => {
          const report = await projection.inspect();
          lagEvents.set({ projection: projection.name }, report.lagEvents);
          lagSeconds.set({ projection: projection.name }, report.lagSeconds);
        }),
      );
      return reply.type(registry.contentType).send(await registry.metrics());
    });
  },
  { name: 'metrics' },
);

/** A counter that follows a number counted elsewhere (process-wide command stats). */
function mirroredCounter(registry: Registry, name: string, help: string, read: () => number): void {
  let seen = 0;
  new Counter({
    name,
    help,
    registers: [registry],
    collect() {
      const now = read();
      if (now > seen) this.inc(now - seen);
      seen = now;
    },
  });
}
