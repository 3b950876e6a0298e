import { z } from 'zod';

/**
 * RFC 9457 problem details. `type` is stable per error and safe to switch on; `title` is the same
 * for every instance of a type; `detail` explains this occurrence.
 */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly instance?: string;
  readonly code?: string;
  readonly errors?: readonly ProblemFieldError[];
  readonly [extension: string]: unknown;
}

export interface ProblemFieldError {
  readonly path: string;
  readonly message: string;
}

export const problemContentType = 'application/problem+json';

/** `type` URIs are relative references under /problems: stable, documented in the OpenAPI document. */
export const problemType = (code: string): string => `/problems/${code.toLowerCase().replaceAll('_', '-')}`;

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    code: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .loose()
  .describe('RFC 9457 problem details (application/problem+json)');

/** Thrown by handlers and hooks: the error handler answers it as problem+json with its status. */
export class ProblemError extends Error {
  override readonly name = 'ProblemError';
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    detail?: string,
    readonly extensions: Readonly<Record<string, unknown>> = {},
  ) {
    super(detail ?? title);
  }

  toProblem(instance?: string): Problem {
    return {
      ...this.extensions,
      type: problemType(this.code),
      title: this.title,
      status: this.status,
      code: this.code,
      ...(this.message !== this.title ? { detail: this.message } : {}),
      ...(instance !== undefined ? { instance } : {}),
    };
  }
}

/** The problems every route can answer, so that handlers say `throw problems.notFound(...)`. */
export const problems = {
  validation: (errors: readonly ProblemFieldError[], detail = 'the request does not match the schema') =>
    new ProblemError(400, 'VALIDATION_FAILED', 'Request validation failed', detail, { errors }),
  unauthorized: (detail = 'sign in first: send Authorization: Bearer <token>') =>
    new ProblemError(401, 'UNAUTHORIZED', 'Authentication required', detail),
  invalidToken: (detail = 'the bearer token is invalid or has expired') => new ProblemError(401, 'INVALID_TOKEN', 'Invalid token', detail),
  forbidden: (detail = 'you may not do this') => new ProblemError(403, 'FORBIDDEN', 'Forbidden', detail),
  notFound: (what: string, id: string) => new ProblemError(404, `${what.toUpperCase().replaceAll(' ', '_')}_NOT_FOUND`, `${capitalize(what)} not found`, `${what} ${id} does not exist`),
  routeNotFound: (method: string, url: string) => new ProblemError(404, 'ROUTE_NOT_FOUND', 'No such route', `${method} ${url} is not a route of this API`),
  conflict: (code: string, title: string, detail?: string) => new ProblemError(409, code, title, detail),
  unprocessable: (code: string, title: string, detail?: string) => new ProblemError(422, code, title, detail),
  payloadTooLarge: (limit: number) => new ProblemError(413, 'PAYLOAD_TOO_LARGE', 'Payload too large', `the body may be at most ${limit} bytes`),
  unsupportedMediaType: (detail: string) => new ProblemError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type', detail),
  tooManyRequests: (detail: string) => new ProblemError(429, 'RATE_LIMITED', 'Too many requests', detail),
  unavailable: (detail: string) => new ProblemError(503, 'SERVICE_UNAVAILABLE', 'Service unavailable', detail),
};

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
