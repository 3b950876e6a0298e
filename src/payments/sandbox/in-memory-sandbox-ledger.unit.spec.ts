import { describe, expect, it } from 'vitest';
import { createInMemorySandboxLedger } from './in-memory-sandbox-ledger.js';
import type { SandboxAuthorization } from './sandbox-ledger.js';

const authorization = (authorizationId: string, orderId = 'order-1'): SandboxAuthorization => ({
  authorizationId,
  orderId,
  token: 'tok_sandbox_x',
  status: 'authorized',
  authorized: { amount: 100, currency: 'USD' },
  captured: { amount: 0, currency: 'USD' },
  refunded: { amount: 0, currency: 'USD' },
  createdAt: '2025-04-15T12:00:00.000Z',
});

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('in-memory sandbox ledger', () => {
  it('commits the writes of a unit of work together, reading its own writes meanwhile', async () => {
    const ledger = createInMemorySandboxLedger();
    await ledger.atomically(async (tx) => {
      await tx.saveAuthorization(authorization('a1'));
      await tx.saveAuthorization(authorization('a2', 'order-2'));
      expect((await tx.authorizationsForOrder('order-1')).map((a) => a.authorizationId)).toEqual(['a1']);
    });
    expect(Object.keys(ledger.snapshot().authorizations)).toEqual(['a1', 'a2']);
  });

  it('leaves no trace of a unit of work that throws, and keeps serving the next ones', async () => {
    const ledger = createInMemorySandboxLedger();
    const failed = ledger.atomically(async (tx) => {
      await tx.saveAuthorization(authorization('a1'));
      await tx.saveIdempotencyRecord('k', { operation: 'authorize', fingerprint: '[]', attempts: 1, answer: null });
      throw new Error('boom');
    });
    await expect(failed).rejects.toThrow('boom');
    expect(ledger.snapshot()).toEqual({ cards: {}, idempotency: {}, authorizations: {} });
    await ledger.atomically((tx) => tx.saveAuthorization(authorization('a2')));
    expect(Object.keys(ledger.snapshot().authorizations)).toEqual(['a2']);
  });

  it('runs units of work one at a time, even when they await in between', async () => {
    const ledger = createInMemorySandboxLedger();
    const log: string[] = [];
    const unit = (name: string) =>
      ledger.atomically(async () => {
        log.push(`${name} start`);
        await tick();
        log.push(`${name} end`);
      });
    await Promise.all([unit('a'), unit('b'), unit('c')]);
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
  });

  it('hands out copies, so that changing a value read changes nothing stored', async () => {
    const ledger = createInMemorySandboxLedger();
    const written = authorization('a1');
    await ledger.atomically((tx) => tx.saveAuthorization(written));
    (written.authorized as { amount: number }).amount = 1;
    const read = await ledger.atomically((tx) => tx.findAuthorization('a1'));
    (read?.captured as { amount: number }).amount = 99;
    expect(ledger.snapshot().authorizations.a1).toEqual(authorization('a1'));
  });
});
