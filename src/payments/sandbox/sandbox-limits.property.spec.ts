import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GatewayRejectedError } from '../errors.js';
import { testTokens } from '../test-cards.js';
import { createSandboxGateway } from './sandbox-gateway.js';

type Step = { readonly op: 'capture' | 'refund'; readonly amount: number; readonly key: string } | { readonly op: 'void'; readonly key: string };

/** A small pool of keys so that repeats (same request) and reuses (another request) happen often. */
const key = fc.constantFrom('k1', 'k2', 'k3', 'k4', 'k5', 'k6');
const amount = fc.integer({ min: 1, max: 12_000 });
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('capture' as const), amount, key }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('void' as const), key }) },
  { weight: 5, arbitrary: fc.record({ op: fc.constant('refund' as const), amount: fc.integer({ min: 1, max: 6_000 }), key }) },
);

describe('sandbox gateway: limits under any sequence of calls', () => {
  it('keeps refunded <= captured <= authorized, captures once, never after a void, and never moves money twice for one key', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 10_000 }), fc.array(step, { maxLength: 30 }), async (authorized, steps) => {
        const gateway = createSandboxGateway();
        const usd = (value: number) => ({ amount: value, currency: 'USD' });
        const answer = await gateway.authorize({ idempotencyKey: 'k-auth', token: testTokens.approve, amount: usd(authorized), orderId: 'order-1' });
        if (answer.outcome !== 'approved') throw new Error('expected an approval');
        const { authorizationId } = answer;
        const captureIds = new Set<string>();
        const refunds = new Map<string, number>();
        let voided = false;
        for (const current of steps) {
          try {
            if (current.op === 'capture') {
              captureIds.add((await gateway.capture({ idempotencyKey: current.key, authorizationId, amount: usd(current.amount) })).captureId);
            } else if (current.op === 'refund') {
              const refund = await gateway.refund({ idempotencyKey: current.key, authorizationId, amount: usd(current.amount) });
              refunds.set(refund.refundId, refund.amount.amount);
            } else {
              await gateway.void({ idempotencyKey: current.key, authorizationId });
              voided = true;
            }
          } catch (error) {
            if (!(error instanceof GatewayRejectedError)) throw error;
          }
          const [state] = await gateway.authorizationsFor('order-1');
          if (state === undefined) throw new Error('the authorization disappeared');
          expect(state.refunded.amount).toBeLessThanOrEqual(state.captured.amount);
          expect(state.captured.amount).toBeLessThanOrEqual(state.authorized.amount);
          expect(captureIds.size).toBeLessThanOrEqual(1);
          expect(voided && captureIds.size > 0).toBe(false);
          // Each refund id answered counts once, however often its key was repeated.
          expect([...refunds.values()].reduce((sum, value) => sum + value, 0)).toBe(state.refunded.amount);
        }
        expect(await gateway.authorizationCount('order-1')).toBe(1);
      }),
      { numRuns: 300 },
    );
  });
});
