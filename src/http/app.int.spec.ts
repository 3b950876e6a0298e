import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { domainError } from '../domain/shared/index.js';
import { domainErrorProblem } from './problems/domain-error-problem.js';
import { startTestApp, type TestApp } from './testing/http-harness.js';

let calls = 0;

/** A route of each kind the foundation has to serve, mounted where the API lives. */
function testRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.post(
    '/api/v1/__test/things',
    {
      config: { access: 'admin', idempotent: true },
      schema: { body: z.strictObject({ name: z.string().min(1), count: z.number().int().min(1) }) },
    },
    async (request, reply) => {
      calls++;
      return reply.code(201).send({ name: request.body.name, call: calls, commandId: request.commandId });
    },
  );
  api.get('/api/v1/__test/refused', { config: { access: 'public' } }, async () => {
    throw domainErrorProblem(domainError('INSUFFICIENT_STOCK', 'only 2 left'));
  });
  api.get('/api/v1/__test/crash', { config: { access: 'public' } }, async () => {
    throw new Error('boom');
  });
}

describe('the HTTP foundation', () => {
  let t: TestApp;
  let admin: string;
  let customer: string;
  beforeAll(async () => {
    t = await startTestApp({ extend: testRoutes });
    admin = (await t.account(['admin'])).token;
    customer = (await t.account()).token;
  });
  afterAll(async () => t?.close());

  const post = (body: unknown, options: { token?: string; key?: string; raw?: string } = {}) =>
    t.request({
      method: 'POST',
      url: '/api/v1/__test/things',
      ...(options.token ? { token: options.token } : {}),
      headers: { 'content-type': 'application/json', ...(options.key ? { 'idempotency-key': options.key } : {}) },
      payload: options.raw ?? JSON.stringify(body),
    });

  it('answers an unknown route with a problem', async () => {
    const response = await t.request({ method: 'GET', url: '/api/v1/nowhere' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ type: '/problems/route-not-found', status: 404 });
  });

  it('tells health from readiness and checks every dependency', async () => {
    expect((await t.request({ method: 'GET', url: '/health' })).json()).toEqual({ status: 'ok' });
    const ready = await t.request({ method: 'GET', url: '/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready', checks: { eventStore: { ok: true }, database: { ok: true } } });
  });

  it('keeps a caller request id and makes one otherwise', async () => {
    const given = await t.request({ method: 'GET', url: '/health', headers: { 'x-request-id': 'trace-42' } });
    expect(given.headers['x-request-id']).toBe('trace-42');
    const made = await t.request({ method: 'GET', url: '/health' });
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('publishes an OpenAPI document and Swagger UI', async () => {
    const document = (await t.request({ method: 'GET', url: '/openapi.json' })).json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toContain('/api/v1/__test/things');
    const docs = await t.request({ method: 'GET', url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });

  it('refuses callers by access level: none → 401, wrong role → 403, bad token → 401', async () => {
    expect((await post({ name: 'a', count: 1 })).json()).toMatchObject({ status: 401, type: '/problems/unauthorized' });
    expect((await post({ name: 'a', count: 1 }, { token: customer })).json()).toMatchObject({ status: 403, type: '/problems/forbidden' });
    expect((await post({ name: 'a', count: 1 }, { token: `${admin}x` })).json()).toMatchObject({ status: 401, type: '/problems/invalid-token' });
    expect((await post({ name: 'a', count: 1 }, { token: admin })).statusCode).toBe(201);
  });

  it('answers malformed input with 4xx problems: bad JSON, wrong types, unknown fields, huge bodies', async () => {
    const bad = await post(undefined, { token: admin, raw: '{"name": ' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ type: '/problems/malformed-json' });
    const wrongType = await post({ name: 'a', count: 'many' }, { token: admin });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json()).toMatchObject({ type: '/problems/validation-failed', errors: [{ path: 'body.count' }] });
    const unknownField = await post({ name: 'a', count: 1, admin: true }, { token: admin });
    expect(unknownField.statusCode).toBe(400);
    const huge = await post({ name: 'x'.repeat(300_000), count: 1 }, { token: admin });
    expect(huge.statusCode).toBe(413);
    expect(huge.json()).toMatchObject({ type: '/problems/payload-too-large' });
  });

  it('replays an idempotent request and refuses its key with another body', async () => {
    const first = await post({ name: 'once', count: 1 }, { token: admin, key: 'key-1' });
    const again = await post({ name: 'once', count: 1 }, { token: admin, key: 'key-1' });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.body).toBe(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const other = await post({ name: 'twice', count: 1 }, { token: admin, key: 'key-1' });
    expect(other.statusCode).toBe(422);
    expect(other.json()).toMatchObject({ type: '/problems/idempotency-key-reused' });
    // Without a key every request runs; with one, the command id derives from it.
    const a = (await post({ name: 'free', count: 1 }, { token: admin })).json<{ commandId: string }>();
    const b = (await post({ name: 'free', count: 1 }, { token: admin })).json<{ commandId: string }>();
    expect(a.commandId).not.toBe(b.commandId);
  });

  it('maps a domain refusal to its status and stable type; a crash to a 500 problem', async () => {
    const refused = await t.request({ method: 'GET', url: '/api/v1/__test/refused' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ type: '/problems/insufficient-stock', code: 'INSUFFICIENT_STOCK', detail: 'only 2 left' });
    const crash = await t.request({ method: 'GET', url: '/api/v1/__test/crash' });
    expect(crash.statusCode).toBe(500);
    expect(crash.json()).toMatchObject({ type: '/problems/internal' });
    expect(crash.body).not.toContain('boom');
  });

  it('exposes Prometheus metrics', async () => {
    const metrics = await t.request({ method: 'GET', url: '/metrics' });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toContain('http_request_duration_seconds_bucket');
    expect(metrics.body).toContain('commerce_command_conflicts_total');
    expect(metrics.body).toContain('commerce_projection_lag_events');
  });
});
