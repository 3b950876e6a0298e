import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPosition } from '../eventstore/position.js';
import { BODY_LIMIT_BYTES } from './app.js';
import { startTestApp, type TestApp } from './testing/http-harness.js';
import { registeredRoutes, sampleUrl, SAMPLE_ID, type RouteEntry } from './testing/route-inventory.js';

/**
 * Every POST/PUT/PATCH route of the app (enumerated from the app, so routes added later are covered)
 * against bodies a client should never send: malformed JSON, a foreign media type, a huge payload,
 * wrong types and unknown fields. Each answer is a 4xx problem+json, and the event store's head does
 * not move. Sent as an admin, so that access passes and the body is what gets judged.
 */

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  minLength?: number;
  minimum?: number;
  format?: string;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
};
type OpenApi = {
  paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>>;
  components?: { schemas?: Record<string, JsonSchema> };
};

const UNKNOWN_FIELD = '__unknown_field__';

function bodySchemaOf(document: OpenApi, route: RouteEntry): JsonSchema | undefined {
  const path = route.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
  const schema = document.paths[path]?.[route.method.toLowerCase()]?.requestBody?.content?.['application/json']?.schema;
  return schema && resolve(document, schema);
}

function resolve(document: OpenApi, schema: JsonSchema): JsonSchema {
  if (schema.$ref === undefined) return schema;
  const name = schema.$ref.split('/').at(-1)!;
  return resolve(document, document.components?.schemas?.[name] ?? {});
}

const typeOf = (schema: JsonSchema): string | undefined =>
  Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;

/** A plausible value for a schema (required fields only): a start from which one thing at a time is broken. */
function example(document: OpenApi, raw: JsonSchema): unknown {
  const schema = resolve(document, raw);
  if (schema.default !== undefined) return schema.default;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const alternative = schema.anyOf?.[0] ?? schema.oneOf?.[0] ?? schema.allOf?.[0];
  if (alternative) return example(document, alternative);
  switch (typeOf(schema)) {
    case 'object':
      return Object.fromEntries((schema.required ?? []).map((name) => [name, example(document, schema.properties?.[name] ?? {})]));
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => example(document, schema.items ?? {}));
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 1, 1);
    case 'boolean':
      return true;
    case 'string':
      if (schema.format === 'date-time') return new Date().toISOString();
      if (schema.format === 'email') return 'someone@example.com';
      if (schema.format === 'uri') return 'https://example.com/a';
      if (schema.format === 'uuid') return SAMPLE_ID;
      return 'x'.repeat(Math.max(schema.minLength ?? 1, 1));
    default:
      return null;
  }
}

/** A value of another JSON type than the schema wants. */
function wrongType(document: OpenApi, raw: JsonSchema): unknown {
  switch (typeOf(resolve(document, raw))) {
    case 'string':
      return 12_345;
    case 'integer':
    case 'number':
      return 'many';
    case 'boolean':
      return 'yes';
    case 'array':
      return { not: 'an array' };
    default:
      return ['not', 'an', 'object'];
  }
}

interface Case {
  readonly name: string;
  readonly payload: string;
  readonly contentType?: string;
  /** The exact status, when the case has one. */
  readonly status?: number;
  readonly type?: string;
  /** Something the problem's field errors must mention. */
  readonly mentions?: string;
}

function casesFor(document: OpenApi, route: RouteEntry): Case[] {
  const cases: Case[] = [
    { name: 'malformed JSON', payload: '{"quantity": 1,', status: 400, type: '/problems/malformed-json' },
    { name: 'another media type', payload: '<cart/>', contentType: 'application/xml', status: 415, type: '/problems/unsupported-media-type' },
    { name: 'a huge payload', payload: JSON.stringify({ blob: 'x'.repeat(BODY_LIMIT_BYTES + 1_000) }), status: 413, type: '/problems/payload-too-large' },
  ];
  const schema = bodySchemaOf(document, route);
  // A route without a body (PUT /me/wishlist/{id}) ignores one: only the parser-level cases apply.
  if (schema === undefined) return cases;
  cases.push(
    { name: 'an array for the body', payload: '[1, 2, 3]', status: 400, type: '/problems/validation-failed' },
    { name: 'a string for the body', payload: '"hello"', status: 400, type: '/problems/validation-failed' },
  );
  const properties = Object.entries(schema.properties ?? {});
  if (properties.length > 0) {
    const wrong = Object.fromEntries(properties.map(([name, property]) => [name, wrongType(document, property)]));
    cases.push({ name: 'every field of the wrong type', payload: JSON.stringify(wrong), status: 400, type: '/problems/validation-failed', mentions: 'body.' });
  }
  const valid = example(document, schema);
  const base = typeof valid === 'object' && valid !== null && !Array.isArray(valid) ? valid : {};
  cases.push({ name: 'an unknown field', payload: JSON.stringify({ ...base, [UNKNOWN_FIELD]: true }), status: 400, type: '/problems/validation-failed', mentions: UNKNOWN_FIELD });
  return cases;
}

describe('malformed input on every route with a body', () => {
  let t: TestApp;
  let admin: string;
  let routes: RouteEntry[];
  let document: OpenApi;

  const head = async () => {
    const position = await t.system.store.headPosition();
    return position ? formatPosition(position) : 'empty';
  };

  beforeAll(async () => {
    t = await startTestApp();
    admin = (await t.account(['admin'])).token;
    routes = registeredRoutes(t.app).filter((route) => ['POST', 'PUT', 'PATCH'].includes(route.method));
    document = (await t.request({ method: 'GET', url: '/openapi.json' })).json<OpenApi>();
  }, 120_000);
  afterAll(async () => t?.close());

  it('finds the routes, and every documented body refuses unknown fields by schema', () => {
    expect(routes.length).toBeGreaterThanOrEqual(20);
    const loose = routes.filter((route) => {
      const schema = bodySchemaOf(document, route);
      return schema !== undefined && typeOf(schema) === 'object' && schema.additionalProperties !== false;
    });
    expect(loose.map((r) => `${r.method} ${r.url}`)).toEqual([]);
  });

  it('answers each malformed body with a 4xx problem and appends nothing', async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      const before = await head();
      for (const c of casesFor(document, route)) {
        const response: LightMyRequestResponse = await t.request({
          method: route.method as 'POST',
          url: sampleUrl(route.url),
          token: admin,
          headers: { 'content-type': c.contentType ?? 'application/json' },
          payload: c.payload,
        });
        const where = `${route.method} ${route.url} with ${c.name} → ${response.statusCode} ${response.body.slice(0, 200)}`;
        const problem = String(response.headers['content-type']).startsWith('application/problem+json') ? response.json<{ type?: string; errors?: { path: string; message: string }[] }>() : undefined;
        if (response.statusCode < 400 || response.statusCode >= 500) wrong.push(`not a 4xx: ${where}`);
        else if (problem === undefined) wrong.push(`not problem+json: ${where}`);
        else if (c.status !== undefined && (response.statusCode !== c.status || problem.type !== c.type)) wrong.push(`expected ${c.status} ${c.type}: ${where}`);
        else if (c.mentions !== undefined && !(problem.errors ?? []).some((e) => `${e.path} ${e.message}`.includes(c.mentions!))) wrong.push(`errors do not mention ${c.mentions}: ${where}`);
      }
      const after = await head();
      if (after !== before) wrong.push(`${route.method} ${route.url}: the event store moved from ${before} to ${after}`);
    }
    expect(wrong).toEqual([]);
  });
});
