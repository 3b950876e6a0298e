import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../testing/http-harness.js';

describe('rate limits on the auth routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { RATE_LIMIT_AUTH_PER_MINUTE: '3' } });
  });
  afterAll(async () => t?.close());

  const login = () =>
    t.request({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ email: 'nobody@example.com', password: 'guess' }) });

  it('answers 429 problem+json once a client has used up its log-ins for the minute', async () => {
    for (let i = 0; i < 3; i++) expect((await login()).statusCode).toBe(401);
    const limited = await login();
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(limited.json()).toMatchObject({ type: '/problems/rate-limited', status: 429 });
    expect(limited.headers['retry-after']).toBeDefined();
  });

  it('limits registration too, and appends nothing when refusing', async () => {
    const register = (n: number) =>
      t.request({
        method: 'POST',
        url: '/api/v1/auth/register',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ email: `limit${n}@example.com`, password: 'a long enough password', name: 'Limit' }),
      });
    for (let i = 0; i < 3; i++) expect((await register(i)).statusCode).toBe(201);
    const before = await t.system.store.headPosition();
    const limited = await register(99);
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ type: '/problems/rate-limited' });
    expect(await t.system.store.headPosition()).toEqual(before);
  });
});
