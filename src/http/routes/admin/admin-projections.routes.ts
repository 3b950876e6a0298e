import type { FastifyPluginAsync } from 'fastify';
import type { Logger } from 'pino';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { formatPosition } from '../../../eventstore/position.js';
import type { Position } from '../../../eventstore/types.js';
import { findProjection, sqlProjections } from '../../../projections/registry.js';
import { chooseProjectionLock } from '../../../projections/runner/choose-projection-lock.js';
import { inspectProjection, type ProjectionReport } from '../../../projections/runner/projection-report.js';
import { ProblemError, problems } from '../../problems/problem.js';
import type { RouteDeps } from '../../route-deps.js';
import { errorResponses } from '../../support/schemas.js';
import { createInProcessRebuilds, type RebuildJob } from './projection-rebuilds.js';

const progress = z.object({
  generation: z.number().int(),
  done: z.number().int(),
  total: z.number().int().nullable(),
  eventsPerSecond: z.number(),
  phase: z.enum(['building', 'switching', 'switched']),
});

const rebuildJob = z.object({
  projection: z.string(),
  status: z.enum(['running', 'succeeded', 'failed']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  progress: progress.nullable(),
  generation: z.number().int().nullable(),
  events: z.number().int().nullable(),
  error: z.string().nullable(),
});

const projectionStatus = z.object({
  name: z.string(),
  version: z.number().int(),
  liveVersion: z.number().int().nullable(),
  generation: z.number().int().nullable(),
  state: z.string().describe('starting | waiting-for-lock | catching-up | live | failed | stopped | not-running | never-started'),
  checkpoint: z.string().nullable(),
  head: z.string().nullable(),
  lagEvents: z.number().int(),
  lagEventsCapped: z.boolean().describe('true: at least lagEvents (counting stops at 100,000)'),
  lagSeconds: z.number(),
  lastError: z.string().nullable(),
  lastErrorAt: z.string().nullable(),
  owner: z.string().nullable(),
  updatedAt: z.string().nullable(),
  building: z
    .object({ generation: z.number().int(), version: z.number().int(), remaining: z.number().int(), remainingCapped: z.boolean() })
    .nullable()
    .describe('A generation being built beside the live one'),
  rebuild: rebuildJob.nullable().describe('The latest rebuild started through this API process'),
});

const shown = (p: Position | undefined) => (p && (p.commit !== 0n || p.prepare !== 0n) ? formatPosition(p) : null);

function statusOf(report: ProjectionReport, rebuild: RebuildJob | undefined): z.infer<typeof projectionStatus> {
  return {
    name: report.name,
    version: report.version,
    liveVersion: report.liveVersion ?? null,
    generation: report.generation ?? null,
    state: report.state,
    checkpoint: shown(report.checkpoint),
    head: shown(report.head),
    lagEvents: report.lagEvents,
    lagEventsCapped: report.lagEventsCapped,
    lagSeconds: report.lagSeconds,
    lastError: report.lastError ?? null,
    lastErrorAt: report.lastErrorAt?.toISOString() ?? null,
    owner: report.owner ?? null,
    updatedAt: report.updatedAt?.toISOString() ?? null,
    building: report.building ?? null,
    rebuild: rebuild ? { ...rebuild, progress: rebuild.progress ? { ...rebuild.progress, total: rebuild.progress.total ?? null } : null } : null,
  };
}

/** `GET /admin/projections` (status, lag, rebuild progress) and `POST /admin/projections/{name}/rebuild`. */
export const adminProjectionRoutes: FastifyPluginAsync<RouteDeps> = async (app, deps) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { store, db, projections: running } = deps.system;
  // The lock the runners of this deployment use (in-process on PGlite, advisory locks on Postgres).
  const lock = chooseProjectionLock(db, deps.config.DATABASE_URL);
  // The app's logger is the pino instance buildApp was given (Fastify types it as its base logger).
  const rebuilds = createInProcessRebuilds({ store, db, lock, logger: app.log as unknown as Logger });
  app.addHook('onClose', async () => rebuilds.close());

  api.get(
    '/admin/projections',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['admin'],
        summary: 'Every projection: state, checkpoint, lag (events and seconds), last error, and rebuilds in progress',
        response: { 200: z.object({ projections: z.array(projectionStatus) }), ...errorResponses() },
      },
    },
    async () => {
      const jobs = new Map(rebuilds.list().map((job) => [job.projection, job]));
      const reports = await Promise.all(
        sqlProjections.map((projection) => {
          // This process's runner knows its state first-hand; an API-only process asks the database.
          const runner = running.find((r) => r.name === projection.name);
          return runner ? runner.inspect() : inspectProjection(store, db, projection, { lock });
        }),
      );
      return { projections: reports.map((report) => statusOf(report, jobs.get(report.name))) };
    },
  );

  api.post(
    '/admin/projections/:name/rebuild',
    {
      config: { access: 'admin', idempotent: true },
      schema: {
        tags: ['admin'],
        summary: 'Rebuild a projection blue/green in the background (202); follow it at GET /admin/projections',
        params: z.strictObject({ name: z.string().min(1).max(100) }),
        response: { 202: rebuildJob, ...errorResponses(404, 409) },
      },
    },
    async (request, reply) => {
      const projection = findProjection(request.params.name);
      if (!projection) throw problems.notFound('projection', request.params.name);
      const outcome = await rebuilds.start(projection);
      if (!outcome.started) {
        throw new ProblemError(409, 'REBUILD_IN_PROGRESS', 'Rebuild in progress', `a rebuild of ${projection.name} is already running`);
      }
      return reply.code(202).header('location', '/api/v1/admin/projections').send({ ...outcome.job, progress: null });
    },
  );
};
