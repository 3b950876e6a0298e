import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ConcurrencyRetriesExhaustedError } from '../../commands/command-result.js';
import { InvalidCursorError } from '../../projections/read-models/index.js';
import { ProblemError, problemContentType, problems, type Problem } from './problem.js';

/** Fastify's own 4xx errors (body parsing, content type, …) keep their status under a stable code. */
const fastifyClientErrors: Record<string, { code: string; title: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'MALFORMED_JSON', title: 'Malformed JSON body' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'EMPTY_BODY', title: 'Empty JSON body' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE', title: 'Unsupported media type' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE', title: 'Payload too large' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'INVALID_CONTENT_LENGTH', title: 'Invalid content length' },
  FST_ERR_VALIDATION: { code: 'VALIDATION_FAILED', title: 'Request validation failed' },
};

/** Turns any error into one problem+json answer; only failures of the server itself become 5xx. */
export function toProblem(error: unknown, request: FastifyRequest): Problem {
  if (error instanceof ProblemError) return error.toProblem(request.url);
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = (error as { validationContext?: string }).validationContext ?? 'body';
    const errors = error.validation.map((issue) => ({
      path: `${where}${issue.instancePath.replaceAll('/', '.')}`,
      message: issue.message ?? 'is invalid',
    }));
    return problems.validation(errors, `invalid ${where}: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`).toProblem(request.url);
  }
  if (error instanceof InvalidCursorError) {
    return problems.validation([{ path: 'querystring.cursor', message: error.message }], 'the cursor is not one this API gave out').toProblem(request.url);
  }
  if (error instanceof ConcurrencyRetriesExhaustedError) {
    return new ProblemError(503, 'CONTENDED', 'Too much contention', 'the resource is too busy right now: retry shortly').toProblem(request.url);
  }
  const fastifyError = error as Partial<FastifyError>;
  const status = fastifyError.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const known = fastifyError.code ? fastifyClientErrors[fastifyError.code] : undefined;
    if (status === 429) return problems.tooManyRequests(fastifyError.message ?? 'slow down').toProblem(request.url);
    if (status === 401) return problems.invalidToken().toProblem(request.url);
    return new ProblemError(status, known?.code ?? 'BAD_REQUEST', known?.title ?? 'Bad request', fastifyError.message).toProblem(request.url);
  }
  return new ProblemError(500, 'INTERNAL', 'Internal server error', 'the server failed; the request id in the logs says where').toProblem(request.url);
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  if (problem.status === 503 && problem.code === 'CONTENDED') reply.header('retry-after', '1');
  return reply.code(problem.status).type(problemContentType).send(problem);
}

export function registerProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const problem = toProblem(error, request);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ problem: problem.code, status: problem.status }, 'request refused');
    return sendProblem(reply, problem);
  });
  app.setNotFoundHandler((request, reply) => sendProblem(reply, problems.routeNotFound(request.method, request.url.split('?')[0] ?? request.url).toProblem(request.url)));
}
