import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { categoryStreamName } from '../../domain/category/index.js';
import { couponStreamName } from '../../domain/coupon/index.js';
import { customerStreamName } from '../../domain/customer/index.js';
import { inventoryStreamName } from '../../domain/inventory/index.js';
import { formatPosition } from '../../eventstore/position.js';
import { startTestApp, type TestApp } from '../testing/http-harness.js';

type Account = Awaited<ReturnType<TestApp['account']>>;

describe('admin and ops routes', () => {
  let t: TestApp;
  let admin: Account;
  let seller: Account;
  let customer: Account;

  const call = (method: 'GET' | 'POST' | 'PUT', url: string, token?: string, body?: unknown, headers: Record<string, string> = {}) =>
    t.request({ method, url, headers, ...(token ? { token } : {}), ...(body !== undefined ? { payload: body as object } : {}) });
  const head = async () => {
    const position = await t.system.store.headPosition();
    return position ? formatPosition(position) : 'empty';
  };
  const receive = async (sku: string, quantity: number) => {
    const response = await call('PUT', `/api/v1/seller/inventory/${sku}`, admin.token, { receive: { quantity } });
    expect(response.statusCode, response.body).toBe(200);
  };

  beforeAll(async () => {
    t = await startTestApp();
    [admin, seller, customer] = await Promise.all([t.account(['admin']), t.account(['seller']), t.account()]);
  }, 120_000);
  afterAll(async () => t?.close());

  describe('roles', () => {
    it("sets a customer's roles, which count at once", async () => {
      const someone = await t.account();
      expect((await call('GET', '/api/v1/seller/orders', someone.token)).statusCode).toBe(403);
      const set = await call('PUT', `/api/v1/admin/customers/${someone.customerId}/roles`, admin.token, { roles: ['customer', 'seller'] });
      expect(set.statusCode, set.body).toBe(200);
      expect(set.json()).toMatchObject({ customerId: someone.customerId });
      expect(set.json<{ roles: string[] }>().roles.sort()).toEqual(['customer', 'seller']);
      expect((await call('GET', '/api/v1/seller/orders', someone.token)).statusCode).toBe(200);
      const events = await t.system.store.readStream(customerStreamName(someone.customerId));
      expect(events.at(-1)).toMatchObject({ type: 'CustomerRoleGranted', metadata: { userId: admin.customerId } });

      const back = await call('PUT', `/api/v1/admin/customers/${someone.customerId}/roles`, admin.token, { roles: ['customer'] });
      expect(back.json()).toMatchObject({ roles: ['customer'] });
      expect((await call('GET', '/api/v1/seller/orders', someone.token)).statusCode).toBe(403);
    });

    it('refuses non-admins, unknown customers, bad roles and an admin demoting themself, recording nothing', async () => {
      const before = await head();
      const url = `/api/v1/admin/customers/${customer.customerId}/roles`;
      expect((await call('PUT', url, undefined, { roles: ['admin'] })).statusCode).toBe(401);
      expect((await call('PUT', url, customer.token, { roles: ['admin'] })).statusCode).toBe(403);
      expect((await call('PUT', url, seller.token, { roles: ['admin'] })).statusCode).toBe(403);
      const unknown = await call('PUT', `/api/v1/admin/customers/${randomUUID()}/roles`, admin.token, { roles: ['seller'] });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json()).toMatchObject({ type: '/problems/customer-not-found' });
      expect((await call('PUT', url, admin.token, { roles: ['owner'] })).statusCode).toBe(400);
      expect((await call('PUT', url, admin.token, { roles: 'admin' })).statusCode).toBe(400);
      expect((await call('PUT', url, admin.token, { roles: [], extra: 1 })).statusCode).toBe(400);
      const self = await call('PUT', `/api/v1/admin/customers/${admin.customerId}/roles`, admin.token, { roles: ['customer'] });
      expect(self.statusCode).toBe(403);
      expect(self.json()).toMatchObject({ type: '/problems/cannot-revoke-own-admin' });
      expect(await head()).toBe(before);
    });
  });

  describe('categories', () => {
    it('creates a tree, replays a retried request and refuses clashes', async () => {
      const root = await call('POST', '/api/v1/admin/categories', admin.token, { name: 'Garden & Outdoor' }, { 'idempotency-key': 'cat-garden' });
      expect(root.statusCode, root.body).toBe(201);
      const { categoryId, slug } = root.json<{ categoryId: string; slug: string }>();
      expect(slug).toBe('garden-outdoor');
      const replay = await call('POST', '/api/v1/admin/categories', admin.token, { name: 'Garden & Outdoor' }, { 'idempotency-key': 'cat-garden' });
      expect(replay.json<{ categoryId: string }>().categoryId).toBe(categoryId);
      const child = await call('POST', '/api/v1/admin/categories', admin.token, { name: 'Tools', parentId: categoryId });
      expect(child.statusCode).toBe(201);
      const { state } = await t.system.commands.category.read(categoryStreamName());
      expect(state.categories.get(child.json<{ categoryId: string }>().categoryId)).toMatchObject({ name: 'Tools', parentId: categoryId });
      expect([...state.categories.values()].filter((c) => c.name === 'Garden & Outdoor')).toHaveLength(1);

      const before = await head();
      const cases: [unknown, number, string][] = [
        [{ name: 'tools', parentId: categoryId }, 409, 'duplicate-sibling-name'],
        [{ name: 'Garden Outdoor' }, 409, 'duplicate-slug'],
        [{ name: 'Orphans', parentId: 'no-such-parent' }, 404, 'parent-not-found'],
        [{ name: '東京' }, 422, 'invalid-slug'],
        [{ name: '' }, 400, 'validation-failed'],
        [{ name: 7 }, 400, 'validation-failed'],
        [{ name: 'Fine', slug: 'Not A Slug' }, 400, 'validation-failed'],
        [{ name: 'Fine', color: 'red' }, 400, 'validation-failed'],
      ];
      for (const [body, status, type] of cases) {
        const response = await call('POST', '/api/v1/admin/categories', admin.token, body);
        expect({ body, status: response.statusCode }).toEqual({ body, status });
        expect(response.json()).toMatchObject({ type: `/problems/${type}` });
      }
      expect((await call('POST', '/api/v1/admin/categories', seller.token, { name: 'Sneaky' })).statusCode).toBe(403);
      expect(await head()).toBe(before);
    });
  });

  describe('coupons', () => {
    it('defines coupons and refuses invalid or clashing definitions', async () => {
      const validUntil = new Date(Date.now() + 7 * 86_400_000).toISOString();
      const percent = await call('POST', '/api/v1/admin/coupons', admin.token, { code: 'summer10', discount: { kind: 'percentage', basisPoints: 1_000 }, validUntil, perCustomerLimit: 1 });
      expect(percent.statusCode, percent.body).toBe(201);
      expect(percent.json()).toMatchObject({ code: 'SUMMER10' });
      const events = await t.system.store.readStream(couponStreamName('SUMMER10'));
      expect(events[0]).toMatchObject({ type: 'CouponDefined', data: { code: 'SUMMER10', perCustomerLimit: 1, totalUsageLimit: null, minimumOrder: null } });
      const fixed = await call('POST', '/api/v1/admin/coupons', admin.token, {
        code: 'FIVE-OFF',
        discount: { kind: 'fixed', amount: { amount: 500, currency: 'EUR' } },
        minimumOrder: { amount: 2_000, currency: 'EUR' },
        validFrom: new Date().toISOString(),
        validUntil,
        totalUsageLimit: 100,
      });
      expect(fixed.statusCode, fixed.body).toBe(201);

      const before = await head();
      const base = { code: 'OTHER', discount: { kind: 'percentage', basisPoints: 500 }, validUntil };
      const cases: [unknown, number, string][] = [
        [{ ...base, code: 'SUMMER10', discount: { kind: 'percentage', basisPoints: 2_000 } }, 409, 'coupon-already-defined'],
        [{ ...base, validUntil: '2020-01-01T00:00:00Z' }, 400, 'validation-failed'],
        [{ ...base, discount: { kind: 'percentage', basisPoints: 20_000 } }, 400, 'validation-failed'],
        [{ ...base, discount: { kind: 'bogo' } }, 400, 'validation-failed'],
        [{ ...base, discount: { kind: 'fixed', amount: { amount: 5, currency: 'EUR' } }, minimumOrder: { amount: 10, currency: 'USD' } }, 400, 'validation-failed'],
        [{ ...base, discount: { kind: 'fixed', amount: { amount: 0, currency: 'EUR' } } }, 400, 'validation-failed'],
        [{ ...base, code: 'x' }, 400, 'validation-failed'],
        [{ ...base, validUntil: 'next week' }, 400, 'validation-failed'],
        [{ ...base, stackable: true }, 400, 'validation-failed'],
      ];
      for (const [body, status, type] of cases) {
        const response = await call('POST', '/api/v1/admin/coupons', admin.token, body);
        expect({ body, status: response.statusCode }).toEqual({ body, status });
        expect(response.json()).toMatchObject({ type: `/problems/${type}` });
      }
      expect(await head()).toBe(before);
    });
  });

  describe('projections', () => {
    it('reports every projection and rebuilds one in the background with progress', async () => {
      await receive(`PRJ-${randomUUID().slice(0, 8)}`, 4);
      const status = await call('GET', '/api/v1/admin/projections', admin.token);
      expect(status.statusCode, status.body).toBe(200);
      const names = status.json<{ projections: { name: string }[] }>().projections.map((p) => p.name);
      expect(names).toEqual(expect.arrayContaining(['product-catalog', 'inventory-levels', 'orders', 'sales']));

      const started = await call('POST', '/api/v1/admin/projections/inventory-levels/rebuild', admin.token);
      expect(started.statusCode, started.body).toBe(202);
      expect(started.json()).toMatchObject({ projection: 'inventory-levels', status: expect.stringMatching(/^(queued|running|succeeded)$/), jobId: expect.any(String) });
      type Rebuild = { status: string; generation: number | null; events: number | null } | null;
      let rebuild: Rebuild = null;
      for (let i = 0; i < 200 && rebuild?.status !== 'succeeded'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        const report = (await call('GET', '/api/v1/admin/projections', admin.token)).json<{ projections: { name: string; rebuild: Rebuild }[] }>();
        rebuild = report.projections.find((p) => p.name === 'inventory-levels')!.rebuild;
      }
      expect(rebuild).toMatchObject({ status: 'succeeded', generation: expect.any(Number) });
      expect(rebuild!.events).toBeGreaterThan(0);

      expect((await call('POST', '/api/v1/admin/projections/no-such-projection/rebuild', admin.token)).statusCode).toBe(404);
      expect((await call('GET', '/api/v1/admin/projections', seller.token)).statusCode).toBe(403);
    });
  });

  describe('time travel', () => {
    it('shows a stream’s events and state as of a revision or a time', async () => {
      const sku = `TT-${randomUUID().slice(0, 8)}`;
      const stream = inventoryStreamName(sku);
      await receive(sku, 5);
      await new Promise((resolve) => setTimeout(resolve, 20));
      const between = new Date().toISOString();
      await new Promise((resolve) => setTimeout(resolve, 20));
      await receive(sku, 7);

      const now = await call('GET', `/api/v1/admin/streams/${stream}`, admin.token);
      expect(now.statusCode, now.body).toBe(200);
      expect(now.json()).toMatchObject({ stream, asOf: null, revision: 1, eventCount: 2, state: { onHand: 12, available: 12 } });
      expect(now.json<{ events: { type: string; metadata: { userId?: string } }[] }>().events.map((e) => e.type)).toEqual(['StockReceived', 'StockReceived']);
      const atZero = await call('GET', `/api/v1/admin/streams/${stream}?asOf=0`, admin.token);
      expect(atZero.json()).toMatchObject({ asOf: { revision: 0 }, revision: 0, eventCount: 1, state: { onHand: 5 } });
      const atTime = await call('GET', `/api/v1/admin/streams/${stream}?asOf=${encodeURIComponent(between)}`, admin.token);
      expect(atTime.json()).toMatchObject({ revision: 0, state: { onHand: 5 } });
      const before = await call('GET', `/api/v1/admin/streams/${stream}?asOf=2000-01-01T00:00:00Z`, admin.token);
      expect(before.json()).toMatchObject({ revision: null, eventCount: 0, events: [], state: { onHand: 0 } });
      const newest = await call('GET', `/api/v1/admin/streams/${stream}?limit=1`, admin.token);
      expect(newest.json<{ events: { revision: number }[] }>().events.map((e) => e.revision)).toEqual([1]);

      expect((await call('GET', `/api/v1/admin/streams/inventory-NOPE-${randomUUID()}`, admin.token)).json()).toMatchObject({ status: 404, type: '/problems/stream-not-found' });
      expect((await call('GET', '/api/v1/admin/streams/nocategory', admin.token)).statusCode).toBe(404);
      expect((await call('GET', `/api/v1/admin/streams/${stream}?asOf=yesterday`, admin.token)).statusCode).toBe(400);
      expect((await call('GET', `/api/v1/admin/streams/${stream}?asOf=-1`, admin.token)).statusCode).toBe(400);
      expect((await call('GET', `/api/v1/admin/streams/${stream}`, customer.token)).statusCode).toBe(403);
    });

    it('gives an inventory timeline per bucket', async () => {
      const sku = `TL-${randomUUID().slice(0, 8)}`;
      const from = new Date(Date.now() - 1_000).toISOString();
      await receive(sku, 5);
      await call('PUT', `/api/v1/seller/inventory/${sku}`, admin.token, { adjust: { delta: -1, reason: 'damaged' } });
      const to = new Date(Date.now() + 1_000).toISOString();
      const url = `/api/v1/admin/inventory/${sku}/timeline?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&bucket=500ms`;
      const timeline = await call('GET', url, admin.token);
      expect(timeline.statusCode, timeline.body).toBe(200);
      const body = timeline.json<{ bucket: string; bucketMs: number; buckets: { onHand: number; events: number }[] }>();
      expect(body).toMatchObject({ sku, bucket: '500ms', bucketMs: 500 });
      expect(body.buckets.length).toBeGreaterThanOrEqual(4);
      expect(body.buckets.at(-1)).toMatchObject({ onHand: 4, reserved: 0, available: 4 });
      expect(body.buckets.reduce((sum, b) => sum + b.events, 0)).toBe(2);
      expect(body.buckets[0]).toMatchObject({ onHand: 0 });

      const defaults = await call('GET', `/api/v1/admin/inventory/${sku}/timeline`, admin.token);
      expect(defaults.json<{ buckets: unknown[] }>().buckets).toHaveLength(24);
      for (const query of ['bucket=5parsecs', 'bucket=1ms', `from=${encodeURIComponent(to)}&to=${encodeURIComponent(from)}`, 'from=tomorrow']) {
        const refused = await call('GET', `/api/v1/admin/inventory/${sku}/timeline?${query}`, admin.token);
        expect({ query, status: refused.statusCode }).toEqual({ query, status: 400 });
      }
      expect((await call('GET', `/api/v1/admin/inventory/UNKNOWN-${randomUUID().slice(0, 8)}/timeline`, admin.token)).statusCode).toBe(404);
      expect((await call('GET', `/api/v1/admin/inventory/${sku}/timeline`, seller.token)).statusCode).toBe(403);
    });
  });
});
