import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemError, problems } from '../problems/problem.js';
import type { RouteDeps } from '../route-deps.js';
import { cursorQuery, errorResponses } from '../support/schemas.js';

const jobView = z.object({
  id: z.string().describe('"<queue>.<job id>", e.g. payments.authorize.<orderId>; URL-encode it in paths'),
  queue: z.string(),
  name: z.string(),
  state: z.enum(['waiting', 'delayed', 'active', 'completed', 'failed']),
  data: z.unknown(),
  progress: z.unknown(),
  attemptsMade: z.number().int(),
  maxAttempts: z.number().int(),
  failedReason: z.string().nullable(),
  result: z.unknown(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});

const outboxMessage = z.object({ id: z.string(), kind: z.string(), to: z.string(), subject: z.string(), text: z.string(), createdAt: z.string() });

const jobIdParams = z.strictObject({ id: z.string().min(1).max(500) });

/**
 * Background work for admins: jobs that ran out of attempts (dead letters) and can be retried, a
 * job's state and progress, and the mail outbox (where notifications go when no SMTP_URL is set).
 */
export const adminJobRoutes: FastifyPluginAsync<RouteDeps> = async (app, deps) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { jobs } = deps.system;

  api.get(
    '/admin/dead-letters',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['admin'],
        summary: 'Jobs that failed every attempt, newest first, across all queues',
        querystring: z.strictObject(cursorQuery),
        response: { 200: z.object({ items: z.array(jobView).readonly(), nextCursor: z.string().nullable() }), ...errorResponses() },
      },
    },
    async (request) => jobs.deadLetters.list({ limit: request.query.limit, ...(request.query.cursor ? { cursor: request.query.cursor } : {}) }),
  );

  api.post(
    '/admin/dead-letters/:id/retry',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['admin'],
        summary: 'Run a dead letter again (its attempts start over); a job that already succeeded is not run twice',
        params: jobIdParams,
        response: { 200: jobView, ...errorResponses(404, 409) },
      },
    },
    async (request) => {
      const retried = await jobs.deadLetters.retry(request.params.id);
      if (retried.ok) return retried.job;
      if (retried.error === 'not-found') throw problems.notFound('dead letter', request.params.id);
      throw new ProblemError(409, 'JOB_NOT_FAILED', 'Job is not a dead letter', `job ${request.params.id} has not failed: nothing to retry`);
    },
  );

  api.get(
    '/admin/jobs/:id',
    {
      config: { access: 'admin' },
      schema: { tags: ['admin'], summary: "A job's state, attempts and progress", params: jobIdParams, response: { 200: jobView, ...errorResponses(404) } },
    },
    async (request) => {
      const job = await jobs.jobStatus(request.params.id);
      if (!job) throw problems.notFound('job', request.params.id);
      return job;
    },
  );

  api.get(
    '/admin/outbox',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['admin'],
        summary: 'Notifications written to the outbox (when SMTP_URL is not set), newest first',
        querystring: z.strictObject(cursorQuery),
        response: { 200: z.object({ items: z.array(outboxMessage).readonly(), nextCursor: z.string().nullable() }), ...errorResponses() },
      },
    },
    async (request) => jobs.outbox.list({ limit: request.query.limit, ...(request.query.cursor ? { cursor: request.query.cursor } : {}) }),
  );
};
