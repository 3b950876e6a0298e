import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../domain/shared/index.js';
import { allows, type Access } from './auth/access.js';
import { startTestApp, type TestApp } from './testing/http-harness.js';
import { documentedRoutes, recordDeclaredAccess, registeredRoutes, sampleUrl, urlsOfTree, type RouteEntry } from './testing/route-inventory.js';

/**
 * Every role × every /api/v1 route registered in the app. The expectation of each cell comes from
 * the route's declared `config.access`; the table below pins the cells that must be refused
 * whatever a route declares, so a wrong declaration fails too.
 */

type Caller = 'anonymous' | Role;
const callers: readonly Caller[] = ['anonymous', 'customer', 'seller', 'admin'];

/** Cells refused whatever the route declares: [who, which routes, why]. */
const mustRefuse: readonly { callers: readonly Caller[]; matches: (route: RouteEntry) => boolean; what: string }[] = [
  { callers: ['anonymous', 'customer', 'seller'], matches: (r) => r.url.startsWith('/api/v1/admin/'), what: '/admin/* is for admins' },
  { callers: ['anonymous', 'customer'], matches: (r) => r.url.startsWith('/api/v1/seller/'), what: '/seller/* is for sellers and admins' },
  { callers: ['anonymous'], matches: (r) => r.url === '/api/v1/me' || r.url.startsWith('/api/v1/me/'), what: '/me* needs a signed-in customer' },
  { callers: ['anonymous', 'customer'], matches: (r) => r.method === 'POST' && /^\/api\/v1\/orders\/:\w+\/(ship|deliver)$/.test(r.url), what: 'shipping is for staff' },
  { callers: ['anonymous', 'customer', 'seller'], matches: (r) => r.method === 'POST' && /^\/api\/v1\/payments\/:\w+\/refund$/.test(r.url), what: 'refunds are for admins' },
];

/** Routes of the contract (issue 5) whose forbidden cells the table pins: they must exist. */
const pinnedRoutes: readonly string[] = [
  'PUT /api/v1/admin/customers/:customerId/roles',
  'POST /api/v1/admin/categories',
  'POST /api/v1/admin/coupons',
  'GET /api/v1/admin/projections',
  'POST /api/v1/admin/projections/:name/rebuild',
  'GET /api/v1/admin/streams/:stream',
  'GET /api/v1/admin/inventory/:sku/timeline',
  'POST /api/v1/seller/products',
  'PUT /api/v1/seller/products/:productId',
  'PUT /api/v1/seller/products/:productId/price',
  'PUT /api/v1/seller/inventory/:sku',
  'GET /api/v1/seller/orders',
  'GET /api/v1/seller/analytics',
  'POST /api/v1/orders/:orderId/ship',
  'POST /api/v1/orders/:orderId/deliver',
  'POST /api/v1/payments/:paymentId/refund',
  'GET /api/v1/me',
];

const key = (route: RouteEntry) => `${route.method} ${route.url}`;
const isAccessRefusal = (response: LightMyRequestResponse) =>
  (response.statusCode === 401 && response.json<{ type?: string }>().type === '/problems/unauthorized') ||
  (response.statusCode === 403 && /^this route is for the \w+ role$/.test(response.json<{ detail?: string }>().detail ?? ''));

describe('authorization matrix', () => {
  let t: TestApp;
  let routes: RouteEntry[];
  let declared: Map<string, Access | undefined>;
  const tokens = new Map<Caller, string | undefined>();
  const answers = new Map<string, LightMyRequestResponse>();

  /** A token for the caller; DELETEs get a fresh account each, so that an erasure (DELETE /me) hurts no other cell. */
  async function tokenFor(caller: Caller, method: string): Promise<string | undefined> {
    if (caller === 'anonymous') return undefined;
    if (method === 'DELETE') return (await t.account([caller])).token;
    return tokens.get(caller);
  }

  beforeAll(async () => {
    t = await startTestApp({ extend: (app) => void (declared = recordDeclaredAccess(app)) });
    routes = registeredRoutes(t.app);
    for (const role of ['customer', 'seller', 'admin'] as const) tokens.set(role, (await t.account([role])).token);
    // Every cell once, in sequence: some of these requests have effects (a guest cart, …), none matter here.
    for (const route of routes) {
      for (const caller of callers) {
        const token = await tokenFor(caller, route.method);
        const response = await t.request({
          method: route.method as 'GET',
          url: sampleUrl(route.url),
          ...(token ? { token } : {}),
          ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }),
        });
        answers.set(`${caller} ${key(route)}`, response);
      }
    }
  }, 300_000);
  afterAll(async () => t?.close());

  it('enumerates the routes from the app itself, and they are the ones the OpenAPI document lists', async () => {
    expect(urlsOfTree('├── /api/v1/carts (POST)\n│   └── /:cartId (GET)\n│       └── /items (POST)\n└── /health (GET)')).toEqual([
      '/api/v1/carts',
      '/api/v1/carts/:cartId',
      '/api/v1/carts/:cartId/items',
      '/health',
    ]);
    expect(routes.map(key)).toEqual(expect.arrayContaining([...pinnedRoutes]));
    const document = (await t.request({ method: 'GET', url: '/openapi.json' })).json<{ paths: Record<string, Record<string, unknown>> }>();
    expect(documentedRoutes(document).map(key)).toEqual(routes.map(key));
  });

  it('every route declares an access level', () => {
    const undeclared = routes.filter((route) => !['public', 'customer', 'seller', 'admin'].includes(declared.get(key(route)) ?? 'none'));
    expect(undeclared.map(key)).toEqual([]);
  });

  it.each(callers)('%s: refused exactly where the declared access is above the role, never a 5xx', (caller) => {
    const principal = caller === 'anonymous' ? undefined : { customerId: 'matrix', roles: [caller] };
    const wrong: string[] = [];
    for (const route of routes) {
      const response = answers.get(`${caller} ${key(route)}`)!;
      const access = declared.get(key(route))!;
      const cell = `${key(route)} [${access}] → ${response.statusCode} ${response.body.slice(0, 120)}`;
      if (response.statusCode >= 500) wrong.push(`5xx: ${cell}`);
      if (allows(access, principal)) {
        if (isAccessRefusal(response)) wrong.push(`refused though allowed: ${cell}`);
      } else {
        const expected = caller === 'anonymous' ? 401 : 403;
        if (response.statusCode !== expected || !isAccessRefusal(response)) wrong.push(`expected ${expected}: ${cell}`);
        if (!String(response.headers['content-type']).startsWith('application/problem+json')) wrong.push(`not a problem: ${cell}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('refuses the pinned forbidden cells whatever the routes declare', () => {
    const wrong: string[] = [];
    let pinned = 0;
    for (const rule of mustRefuse) {
      for (const route of routes.filter(rule.matches)) {
        for (const caller of rule.callers) {
          pinned++;
          const response = answers.get(`${caller} ${key(route)}`)!;
          const expected = caller === 'anonymous' ? 401 : 403;
          if (response.statusCode !== expected) wrong.push(`${caller} ${key(route)} → ${response.statusCode}, expected ${expected} (${rule.what})`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(pinned).toBeGreaterThanOrEqual(40);
  });
});
