import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeOrder, receiveStock } from '../../commands/checkout/checkout.fixtures.js';
import { testTokens } from '../../payments/test-cards.js';
import { startTestApp, type TestApp } from '../testing/http-harness.js';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
interface Job {
  id: string;
  queue: string;
  state: string;
  attemptsMade: number;
}

/** Dead letters, job status and the outbox through the admin API. */
describe('admin job routes', () => {
  let t: TestApp;
  let admin: string;
  let customer: string;
  beforeAll(async () => {
    // A processor that never answers runs out of attempts quickly here.
    t = await startTestApp({ system: { jobSettings: { authorizePayment: { attempts: 2, backoffMs: 50 } } } });
    admin = (await t.account(['admin'])).token;
    customer = (await t.account()).token;
  });
  afterAll(async () => t?.close());

  const deadLetters = async () => (await t.request({ method: 'GET', url: '/api/v1/admin/dead-letters', token: admin })).json<Page<Job>>();

  it('lists a payment whose processor never answered as a dead letter, and retries it', async () => {
    await receiveStock(t.system.commands, 'SKU-DEAD-1', 5);
    const orderId = await placeOrder(t.system.commands, [{ sku: 'SKU-DEAD-1', quantity: 1 }], testTokens.alwaysTransient);
    await expect.poll(async () => (await deadLetters()).items.map((job) => job.id).join(' '), { timeout: 30_000, interval: 200 }).toContain(orderId);
    const letter = (await deadLetters()).items.find((job) => job.id.includes(orderId))!;
    expect(letter).toMatchObject({ queue: 'payments', state: 'failed', attemptsMade: 2 });

    const status = await t.request({ method: 'GET', url: `/api/v1/admin/jobs/${encodeURIComponent(letter.id)}`, token: admin });
    expect(status.json()).toMatchObject({ id: letter.id, state: 'failed' });

    const retried = await t.request({ method: 'POST', url: `/api/v1/admin/dead-letters/${encodeURIComponent(letter.id)}/retry`, token: admin });
    expect(retried.statusCode).toBe(200);
    expect(retried.json<Job>().state).not.toBe('completed');
    // It fails again (the processor is still down) and is back among the dead letters.
    await expect.poll(async () => (await deadLetters()).items.some((job) => job.id === letter.id), { timeout: 30_000, interval: 200 }).toBe(true);
  });

  it('answers unknown jobs with 404 problems', async () => {
    const missing = await t.request({ method: 'POST', url: '/api/v1/admin/dead-letters/payments.nothing/retry', token: admin });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect((await t.request({ method: 'GET', url: '/api/v1/admin/jobs/payments.nothing', token: admin })).statusCode).toBe(404);
  });

  it('shows the outbox, newest first', async () => {
    const outbox = await t.request({ method: 'GET', url: '/api/v1/admin/outbox?limit=5', token: admin });
    expect(outbox.statusCode).toBe(200);
    expect(outbox.json<Page<unknown>>()).toHaveProperty('items');
  });

  it('is for admins only', async () => {
    for (const url of ['/api/v1/admin/dead-letters', '/api/v1/admin/outbox', '/api/v1/admin/jobs/x']) {
      expect((await t.request({ method: 'GET', url, token: customer })).statusCode).toBe(403);
      expect((await t.request({ method: 'GET', url })).statusCode).toBe(401);
    }
  });

  it('refuses a malformed cursor with a 400 problem', async () => {
    const bad = await t.request({ method: 'GET', url: '/api/v1/admin/dead-letters?cursor=%%%garbage', token: admin });
    expect(bad.statusCode).toBe(400);
  });
});
