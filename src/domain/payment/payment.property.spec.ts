import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { containsCardNumber, isDomainError } from '../shared/index.js';
import type { PaymentCommand } from './commands.js';
import { decide } from './decide.js';
import { paymentEventSchema, type PaymentEvent } from './events.js';
import { at, authorize, PAYMENT_ID, usd } from './payment.fixtures.js';
import { evolve, initialState, type PaymentState } from './state.js';

const id = { paymentId: PAYMENT_ID };
/** A small pool, so that keys repeat (same command) and get reused (other command) often. */
const key = fc.constantFrom('k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7', 'k8');
const minute = fc.integer({ min: 1, max: 500 });

/**
 * Amounts are drawn as a plan and sized against the payment when applied (see `sized`):
 * -1 is "all that is left", -2 "a third of it", -3 "one more than that"; positive values are absolute.
 */
const amount = fc.oneof(fc.constantFrom(-1, -2, -3), fc.integer({ min: 1, max: 12_000 }));

const w = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ weight, arbitrary });

const command: fc.Arbitrary<PaymentCommand> = fc.oneof(
  w(1, key.map((k) => authorize(k))),
  w(
    3,
    fc.record({ k: key, gw: fc.constantFrom('gw-1', 'gw-2'), m: minute }).map(({ k, gw, m }) => ({
      type: 'RecordAuthorization' as const,
      data: { ...id, gatewayAuthorizationId: gw, idempotencyKey: k, at: at(m) },
    })),
  ),
  w(1, fc.record({ k: key, m: minute }).map(({ k, m }) => ({ type: 'RecordDecline' as const, data: { ...id, reason: 'no', idempotencyKey: k, at: at(m) } }))),
  w(
    1,
    fc.record({ k: key, transient: fc.boolean(), m: minute }).map(({ k, transient, m }) => ({
      type: 'RecordFailure' as const,
      data: { ...id, reason: 'timeout', transient, idempotencyKey: k, at: at(m) },
    })),
  ),
  w(4, fc.record({ k: key, a: amount, m: minute }).map(({ k, a, m }) => ({ type: 'CapturePayment' as const, data: { ...id, amount: usd(a), idempotencyKey: k, at: at(m) } }))),
  w(1, fc.record({ k: key, m: minute }).map(({ k, m }) => ({ type: 'VoidPayment' as const, data: { ...id, idempotencyKey: k, at: at(m) } }))),
  w(6, fc.record({ k: key, a: amount, m: minute }).map(({ k, a, m }) => ({ type: 'RefundPayment' as const, data: { ...id, amount: usd(a), idempotencyKey: k, at: at(m) } }))),
);

function sized(command: PaymentCommand, state: PaymentState): PaymentCommand {
  if ((command.type !== 'CapturePayment' && command.type !== 'RefundPayment') || command.data.amount.amount > 0 || state.status === 'NONE') {
    return command;
  }
  const left = command.type === 'CapturePayment' ? state.authorized.amount : state.captured.amount - state.refunded.amount;
  const plan = command.data.amount.amount;
  const sizedAmount = plan === -1 ? left : plan === -2 ? Math.floor(left / 3) : left + 1;
  return { ...command, data: { ...command.data, amount: usd(Math.max(1, sizedAmount)) } };
}

describe('payment invariants', () => {
  it('keeps refunded <= captured <= authorized, authorizes once, and never holds a card number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.array(command, { maxLength: 40, size: 'max' }), (requested, commands) => {
        let state: PaymentState = initialState();
        const all: PaymentEvent[] = [];
        for (const planned of [authorize('k-first', requested), ...commands]) {
          const decision = decide(sized(planned, state), state);
          if (isDomainError(decision)) continue;
          for (const event of decision) {
            expect(paymentEventSchema.safeParse(event).success).toBe(true);
            state = evolve(state, event);
            all.push(event);
          }
          if (state.status === 'NONE') throw new Error('a requested payment never goes back to NONE');
          expect(state.refunded.amount).toBeGreaterThanOrEqual(0);
          expect(state.refunded.amount).toBeLessThanOrEqual(state.captured.amount);
          expect(state.captured.amount).toBeLessThanOrEqual(state.authorized.amount);
          expect(state.authorized.amount).toBeLessThanOrEqual(state.amount.amount);
        }
        expect(all.filter((event) => event.type === 'PaymentAuthorizationRequested')).toHaveLength(1);
        expect(all.filter((event) => event.type === 'PaymentAuthorized').length).toBeLessThanOrEqual(1);
        expect(all.filter((event) => event.type === 'PaymentCaptured').length).toBeLessThanOrEqual(1);
        expect(containsCardNumber(JSON.stringify([all, state]))).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('answers a repeated key with nothing, whatever happened in between', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 30, size: 'max' }), (commands) => {
        let state: PaymentState = evolve(initialState(), { type: 'PaymentAuthorizationRequested', data: authorize('k-first').data });
        const applied: PaymentCommand[] = [];
        for (const planned of commands) {
          const next = sized(planned, state);
          const decision = decide(next, state);
          if (isDomainError(decision) || decision.length === 0) continue;
          applied.push(next);
          for (const event of decision) state = evolve(state, event);
        }
        for (const earlier of applied) expect(decide(earlier, state)).toEqual([]);
      }),
    );
  });
});
