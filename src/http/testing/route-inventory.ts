import type { FastifyInstance } from 'fastify';
import type { Access } from '../auth/access.js';

/** One route of the app, as Fastify registered it (`:param` placeholders). */
export interface RouteEntry {
  readonly method: string;
  readonly url: string;
}

export const API_PREFIX = '/api/v1/';
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * Every route registered in the app under `prefix`, read from Fastify's own router (its printed
 * tree: Fastify has no route listing, and an `onRoute` hook added after `buildApp` sees none of the
 * routes already registered). So a route added by any area plugin is covered without a list to keep.
 */
export function registeredRoutes(app: FastifyInstance, prefix = API_PREFIX): RouteEntry[] {
  const routes: RouteEntry[] = [];
  for (const method of METHODS) {
    const tree = app.printRoutes({ method, commonPrefix: false });
    for (const url of urlsOfTree(tree)) if (url.startsWith(prefix)) routes.push({ method, url });
  }
  return routes.sort((a, b) => a.url.localeCompare(b.url) || a.method.localeCompare(b.method));
}

/**
 * Paths of a `printRoutes({ commonPrefix: false })` tree: each line is `<indent>├── <segment> (METHODS)`,
 * a child's segment continues its parent's path, and the indent is four columns per level.
 */
export function urlsOfTree(tree: string): string[] {
  const urls: string[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const branch = line.search(/[├└]── /);
    if (branch < 0) continue;
    const depth = branch / 4;
    const match = /^(.*?)(?: \(([A-Z, ]+)\))?$/.exec(line.slice(branch + 4));
    if (!match || !Number.isInteger(depth)) throw new Error(`unexpected line in Fastify's route tree: ${JSON.stringify(line)}`);
    const path = (depth > 0 ? (stack[depth - 1] ?? '') : '') + match[1]!;
    stack.length = depth;
    stack.push(path);
    if (match[2] !== undefined) urls.push(path);
  }
  return urls;
}

/** The routes the OpenAPI document lists under `prefix`, in Fastify's `:param` form. */
export function documentedRoutes(document: { paths?: Record<string, Record<string, unknown>> }, prefix = API_PREFIX): RouteEntry[] {
  const routes: RouteEntry[] = [];
  for (const [path, operations] of Object.entries(document.paths ?? {})) {
    if (!path.startsWith(prefix)) continue;
    for (const method of Object.keys(operations)) {
      if (METHODS.includes(method.toUpperCase() as (typeof METHODS)[number])) {
        routes.push({ method: method.toUpperCase(), url: path.replace(/\{([^}]+)\}/g, ':$1') });
      }
    }
  }
  return routes.sort((a, b) => a.url.localeCompare(b.url) || a.method.localeCompare(b.method));
}

/** A well-formed id that names nothing: ids are uuids or free-form, so a uuid passes either rule. */
export const SAMPLE_ID = '00000000-0000-4000-8000-000000000000';

const sampleParam = (param: string): string => (/Id$/.test(param) ? SAMPLE_ID : `SAMPLE-${param.toUpperCase()}`);

/** A concrete URL for a route: every `:param` filled with a well-formed value that names nothing, so validation passes to the body. */
export function sampleUrl(url: string, value: (param: string) => string = sampleParam): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, (_all, param: string) => encodeURIComponent(value(param)));
}

/**
 * Records each answered route's declared `config.access`, keyed `METHOD /url`: an `onSend` hook runs
 * for every answer, refusals included, and hooks added late still apply to every route at `ready`.
 */
export function recordDeclaredAccess(app: FastifyInstance): Map<string, Access | undefined> {
  const declared = new Map<string, Access | undefined>();
  app.addHook('onSend', async (request, _reply, payload) => {
    if (request.routeOptions.url !== undefined) declared.set(`${request.method} ${request.routeOptions.url}`, request.routeOptions.config.access);
    return payload;
  });
  return declared;
}
