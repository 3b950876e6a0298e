import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold, isDomainError, money } from '../shared/index.js';
import type { CouponCommand, CouponDiscount, CouponEvent } from './index.js';
import { computeDiscount, couponDecider } from './index.js';

const at = '2025-06-15T12:00:00Z';
const uuid = (n: number) => `0b7f5a2c-0000-4c1e-9a00-${n.toString(16).padStart(12, '0')}`;

type Step = { readonly kind: 'redeem'; readonly id: number; readonly customer: number } | { readonly kind: 'release'; readonly id: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('redeem' as const), id: fc.nat(24), customer: fc.nat(3) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('release' as const), id: fc.nat(24) }) },
);
const limit = fc.option(fc.integer({ min: 1, max: 6 }), { nil: null });

describe('coupon usage limits', () => {
  it('active redemptions never exceed the total limit, nor any customer their own, and refusals are justified', () => {
    fc.assert(
      fc.property(limit, limit, fc.array(step, { maxLength: 80 }), (totalUsageLimit, perCustomerLimit, steps) => {
        const history: CouponEvent[] = [];
        const apply = (command: CouponCommand) => {
          const decision = couponDecider.decide(command, fold(couponDecider.evolve, couponDecider.initialState(), history));
          if (!isDomainError(decision)) history.push(...decision);
          return decision;
        };
        apply({
          type: 'DefineCoupon',
          data: {
            code: 'LIMITED',
            discount: { kind: 'percentage', basisPoints: 1500 },
            minimumOrder: null,
            validFrom: '2025-01-01T00:00:00Z',
            validUntil: '2026-01-01T00:00:00Z',
            totalUsageLimit,
            perCustomerLimit,
            at,
          },
        });
        for (const s of steps) {
          const decision = apply(
            s.kind === 'redeem'
              ? {
                  type: 'RedeemCoupon',
                  data: { code: 'LIMITED', redemptionId: uuid(s.id), orderId: uuid(1000 + s.id), customerKey: `c${s.customer}`, subtotal: money(10_000, 'USD'), at },
                }
              : { type: 'ReleaseRedemption', data: { code: 'LIMITED', redemptionId: uuid(s.id), reason: 'order_cancelled', at } },
          );
          // Counted from the events themselves, independently of the state's own counters.
          const active = new Map<string, string>();
          for (const event of history) {
            if (event.type === 'CouponRedeemed') active.set(event.data.redemptionId, event.data.customerKey);
            if (event.type === 'CouponRedemptionReleased') active.delete(event.data.redemptionId);
          }
          const perCustomer = new Map<string, number>();
          for (const customer of active.values()) perCustomer.set(customer, (perCustomer.get(customer) ?? 0) + 1);
          if (totalUsageLimit !== null) expect(active.size).toBeLessThanOrEqual(totalUsageLimit);
          if (perCustomerLimit !== null) {
            for (const uses of perCustomer.values()) expect(uses).toBeLessThanOrEqual(perCustomerLimit);
          }
          // Not over-strict either: a refused redemption is refused only because a limit is really full.
          if (isDomainError(decision) && s.kind === 'redeem') {
            if (decision.code === 'USAGE_LIMIT_REACHED') expect(active.size).toBe(totalUsageLimit);
            else if (decision.code === 'CUSTOMER_LIMIT_REACHED') expect(perCustomer.get(`c${s.customer}`)).toBe(perCustomerLimit);
            else expect.unreachable(`unexpected ${decision.code}`);
          }
          const redeemedIds = history.filter((event) => event.type === 'CouponRedeemed').map((event) => event.data.redemptionId);
          expect(new Set(redeemedIds).size).toBe(redeemedIds.length);
        }
      }),
    );
  });
});

describe('computeDiscount', () => {
  const discount: fc.Arbitrary<CouponDiscount> = fc.oneof(
    fc.integer({ min: 1, max: 10_000 }).map((basisPoints): CouponDiscount => ({ kind: 'percentage', basisPoints })),
    fc.integer({ min: 1, max: 10_000_000 }).map((amount): CouponDiscount => ({ kind: 'fixed', amount: money(amount, 'USD') })),
  );

  it('is always within [0, subtotal], in the subtotal currency, in whole minor units', () => {
    fc.assert(
      fc.property(discount, fc.integer({ min: 0, max: 1_000_000_000 }), (coupon, amount) => {
        const off = computeDiscount({ discount: coupon }, money(amount, 'USD'));
        expect(off.currency).toBe('USD');
        expect(Number.isInteger(off.amount)).toBe(true);
        expect(off.amount).toBeGreaterThanOrEqual(0);
        expect(off.amount).toBeLessThanOrEqual(amount);
      }),
    );
  });
});
