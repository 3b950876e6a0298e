import type { FastifyPluginAsync } from 'fastify';
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
import type { JobView } from '../../../workers/admin/job-view.js';

const progress = z.object({
  generation: z.number().int(),
  done: z.number().int(),
  total: z.number().int().nullable(),
  eventsPerSecond: z.number(),
  phase: z.enum(['building', 'switching', 'switched']),
});

const rebuildJob = z.object({
  projection: z.string(),
  jobId: z.string().describe('The ops job running the rebuild (a worker runs it; see GET /admin/projections)'),
  status: z.enum(['queued', 'running', 'succeeded', 'failed']),
  startedAt: z.string().describe('When it was requested'),
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
  rebuild: rebuildJob.nullable().describe('The latest rebuild requested through this API process'),
});

type RebuildJob = z.infer<typeof rebuildJob>;

const jobStates: Record<JobView['state'], RebuildJob['status']> = { waiting: 'queued', delayed: 'queued', active: 'running', completed: 'succeeded', failed: 'failed' };
const rebuildResult = z.object({ generation: z.number().int().nullish(), events: z.number().int() });

/** The rebuild job as this API shows it: its state, the rebuild's own progress report, and its result. */
function rebuildOf(projection: string, job: JobView): RebuildJob {
  const reported = progress.safeParse(typeof job.progress === 'object' ? { total: null, ...job.progress } : undefined);
  const result = rebuildResult.safeParse(job.result);
  return {
    projection,
    jobId: job.id,
    status: jobStates[job.state],
    startedAt: job.createdAt,
    finishedAt: job.finishedAt,
    progress: reported.success ? reported.data : null,
    generation: result.success ? (result.data.generation ?? null) : null,
    events: result.success ? result.data.events : null,
    error: job.failedReason,
  };
}

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
    rebuild: rebuild ?? null,
  };
}

/**
 * `GET /admin/projections` (status, lag, rebuild progress) and `POST /admin/projections/{name}/rebuild`.
 * A rebuild is an ops job (`system.jobs`): a worker runs it, in this process with the embedded queue
 * or wherever the workers run with BullMQ. This process remembers the latest job per projection it
 * started, which is what GET shows as `rebuild` (another API process shows its own).
 */
export const adminProjectionRoutes: FastifyPluginAsync<RouteDeps> = async (app, deps) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { store, db, projections: running, jobs } = deps.system;
  // The lock the runners of this deployment use (in-process on PGlite, advisory locks on Postgres).
  const lock = chooseProjectionLock(db, deps.config.DATABASE_URL);
  const latestJobs = new Map<string, string>();

  async function latestRebuild(projection: string): Promise<RebuildJob | undefined> {
    const jobId = latestJobs.get(projection);
    const job = jobId === undefined ? undefined : await jobs.jobStatus(jobId);
    return job && rebuildOf(projection, job);
  }

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
      const rebuilds = new Map(await Promise.all(sqlProjections.map(async (p) => [p.name, await latestRebuild(p.name)] as const)));
      const reports = await Promise.all(
        sqlProjections.map((projection) => {
          // This process's runner knows its state first-hand; an API-only process asks the database.
          const runner = running.find((r) => r.name === projection.name);
          return runner ? runner.inspect() : inspectProjection(store, db, projection, { lock });
        }),
      );
      return { projections: reports.map((report) => statusOf(report, rebuilds.get(report.name))) };
    },
  );

  api.post(
    '/admin/projections/:name/rebuild',
    {
      config: { access: 'admin', idempotent: true },
      schema: {
        tags: ['admin'],
        summary: 'Rebuild a projection blue/green as an ops job (202); follow it at GET /admin/projections',
        params: z.strictObject({ name: z.string().min(1).max(100) }),
        response: { 202: rebuildJob, ...errorResponses(404, 409) },
      },
    },
    async (request, reply) => {
      const { name } = request.params;
      if (!findProjection(name)) throw problems.notFound('projection', name);
      const current = await latestRebuild(name);
      if (current?.status === 'queued' || current?.status === 'running') {
        throw new ProblemError(409, 'REBUILD_IN_PROGRESS', 'Rebuild in progress', `a rebuild of ${name} is already ${current.status} (job ${current.jobId})`);
      }
      const requested = await jobs.rebuildProjection(name);
      if (!requested.ok) throw problems.notFound('projection', name);
      latestJobs.set(name, requested.jobId);
      const job = await latestRebuild(name);
      const answer: RebuildJob = job ?? { projection: name, jobId: requested.jobId, status: 'queued', startedAt: new Date().toISOString(), finishedAt: null, progress: null, generation: null, events: null, error: null };
      return reply.code(202).header('location', '/api/v1/admin/projections').send(answer);
    },
  );
};
