import { describe, expect, it } from 'vitest';
import { CurrencyMismatchError, fold, isDomainError, money } from '../shared/index.js';
import type { Decision } from '../shared/index.js';
import type { CouponCommand, CouponEvent, CouponState, DefineCoupon } from './index.js';
import { computeDiscount, couponCommandSchema, couponDecider, couponStreamName } from './index.js';

const at = '2025-06-15T12:00:00Z';
const validFrom = '2025-06-01T00:00:00Z';
const validUntil = '2025-07-01T00:00:00Z';
const redemptionId = '0b7f5a2c-1111-4c1e-9a00-000000000001';
const orderId = '0b7f5a2c-2222-4c1e-9a00-000000000002';
const ada = 'customer-ada';
const usd = (amount: number) => money(amount, 'USD');

const defineData: DefineCoupon['data'] = {
  code: 'SUMMER10',
  discount: { kind: 'percentage', basisPoints: 1000 },
  minimumOrder: usd(5000),
  validFrom,
  validUntil,
  totalUsageLimit: 2,
  perCustomerLimit: 1,
  at: '2025-05-01T00:00:00Z',
};
const define = (data: Partial<DefineCoupon['data']> = {}): CouponCommand => ({ type: 'DefineCoupon', data: { ...defineData, ...data } });
const defined = (data: Partial<DefineCoupon['data']> = {}): CouponEvent => ({
  type: 'CouponDefined',
  data: { ...defineData, ...data },
});
const redeem = (data: Partial<Extract<CouponCommand, { type: 'RedeemCoupon' }>['data']> = {}): CouponCommand => ({
  type: 'RedeemCoupon',
  data: { code: 'SUMMER10', redemptionId, orderId, customerKey: ada, subtotal: usd(8000), at, ...data },
});
const redeemed = (id = redemptionId, customerKey = ada): CouponEvent => ({
  type: 'CouponRedeemed',
  data: { code: 'SUMMER10', redemptionId: id, orderId, customerKey, subtotal: usd(8000), discount: usd(800), at },
});
const release = (id = redemptionId): CouponCommand => ({
  type: 'ReleaseRedemption',
  data: { code: 'SUMMER10', redemptionId: id, reason: 'order_rejected', at },
});
const released = (id = redemptionId): CouponEvent => ({
  type: 'CouponRedemptionReleased',
  data: { code: 'SUMMER10', redemptionId: id, reason: 'order_rejected', at },
});
const disabled: CouponEvent = { type: 'CouponDisabled', data: { code: 'SUMMER10', at } };

const given = (...events: CouponEvent[]): CouponState => fold(couponDecider.evolve, couponDecider.initialState(), events);
const when = (state: CouponState, command: CouponCommand): Decision<CouponEvent> => couponDecider.decide(command, state);
const errorCode = (decision: Decision<CouponEvent>): string | false => isDomainError(decision) && decision.code;
const otherId = (n: number) => `0b7f5a2c-3333-4c1e-9a00-00000000000${n}`;

describe('coupon stream name', () => {
  it('is coupon-<CODE>, upper-cased', () => {
    expect(couponStreamName(' summer10')).toBe('coupon-SUMMER10');
  });
});

describe('DefineCoupon', () => {
  it('defines a coupon under its upper-case code', () => {
    expect(when(given(), define({ code: 'summer10' }))).toEqual([defined()]);
  });

  it('upper-cases and checks the code, and checks the window, at the schema', () => {
    const parsed = couponCommandSchema.parse(define({ code: ' summer10 ' }));
    expect(parsed.data.code).toBe('SUMMER10');
    expect(couponCommandSchema.safeParse(define({ code: 'no spaces' })).success).toBe(false);
    expect(couponCommandSchema.safeParse(define({ validUntil: validFrom })).success).toBe(false);
    expect(couponCommandSchema.safeParse(define({ discount: { kind: 'percentage', basisPoints: 10_001 } })).success).toBe(false);
  });

  it('is a no-op when the same definition is repeated', () => {
    expect(when(given(defined()), define({ validFrom: '2025-06-01T02:00:00+02:00' }))).toEqual([]);
  });

  it('rejects a different definition under the same code with COUPON_ALREADY_DEFINED', () => {
    expect(errorCode(when(given(defined()), define({ totalUsageLimit: 3 })))).toBe('COUPON_ALREADY_DEFINED');
  });

  it('rejects an empty window with INVALID_COUPON_DEFINITION', () => {
    expect(errorCode(when(given(), define({ validUntil: validFrom })))).toBe('INVALID_COUPON_DEFINITION');
  });

  it('rejects a fixed discount whose minimum is in another currency with INVALID_COUPON_DEFINITION', () => {
    const command = define({ discount: { kind: 'fixed', amount: money(500, 'EUR') } });
    expect(errorCode(when(given(), command))).toBe('INVALID_COUPON_DEFINITION');
  });
});

describe('RedeemCoupon', () => {
  it('redeems with the computed discount', () => {
    expect(when(given(defined()), redeem())).toEqual([redeemed()]);
  });

  it('is a no-op for a redemption id already used, even after release or disable', () => {
    expect(when(given(defined(), redeemed()), redeem())).toEqual([]);
    expect(when(given(defined(), redeemed(), released(), disabled), redeem())).toEqual([]);
  });

  it('rejects an unknown coupon with COUPON_NOT_FOUND', () => {
    expect(errorCode(when(given(), redeem()))).toBe('COUPON_NOT_FOUND');
  });

  it('rejects before validFrom with COUPON_NOT_YET_VALID', () => {
    expect(errorCode(when(given(defined()), redeem({ at: '2025-05-31T23:59:59Z' })))).toBe('COUPON_NOT_YET_VALID');
  });

  it('accepts at validFrom and rejects at validUntil with COUPON_EXPIRED (half-open window)', () => {
    expect(isDomainError(when(given(defined()), redeem({ at: validFrom })))).toBe(false);
    expect(errorCode(when(given(defined()), redeem({ at: validUntil })))).toBe('COUPON_EXPIRED');
  });

  it('rejects a disabled coupon with COUPON_DISABLED', () => {
    expect(errorCode(when(given(defined(), disabled), redeem()))).toBe('COUPON_DISABLED');
  });

  it('rejects another currency than the minimum order with CURRENCY_MISMATCH', () => {
    expect(errorCode(when(given(defined()), redeem({ subtotal: money(8000, 'EUR') })))).toBe('CURRENCY_MISMATCH');
  });

  it('rejects another currency than a fixed discount with CURRENCY_MISMATCH', () => {
    const fixed = defined({ discount: { kind: 'fixed', amount: usd(1000) }, minimumOrder: null });
    expect(errorCode(when(given(fixed), redeem({ subtotal: money(8000, 'EUR') })))).toBe('CURRENCY_MISMATCH');
  });

  it('applies a percentage coupon without minimum to any currency', () => {
    const anyCurrency = defined({ minimumOrder: null });
    const decision = when(given(anyCurrency), redeem({ subtotal: money(8000, 'EUR') }));
    expect(!isDomainError(decision) && decision[0]?.type === 'CouponRedeemed' && decision[0].data.discount).toEqual(money(800, 'EUR'));
  });

  it('rejects a subtotal below the minimum with MINIMUM_NOT_MET', () => {
    expect(errorCode(when(given(defined()), redeem({ subtotal: usd(4999) })))).toBe('MINIMUM_NOT_MET');
  });

  it('rejects beyond the total limit with USAGE_LIMIT_REACHED', () => {
    const state = given(defined(), redeemed(otherId(1), 'a'), redeemed(otherId(2), 'b'));
    expect(errorCode(when(state, redeem()))).toBe('USAGE_LIMIT_REACHED');
  });

  it('rejects beyond the per-customer limit with CUSTOMER_LIMIT_REACHED', () => {
    expect(errorCode(when(given(defined(), redeemed(otherId(1))), redeem()))).toBe('CUSTOMER_LIMIT_REACHED');
  });

  it('counts only active redemptions against the limits', () => {
    const state = given(defined(), redeemed(otherId(1)), released(otherId(1)), redeemed(otherId(2), 'b'));
    expect(when(state, redeem())).toEqual([redeemed()]);
  });
});

describe('ReleaseRedemption', () => {
  it('gives the use back', () => {
    expect(when(given(defined(), redeemed()), release())).toEqual([released()]);
  });

  it('works on a disabled or expired coupon too', () => {
    expect(when(given(defined(), redeemed(), disabled), release())).toEqual([released()]);
  });

  it('is a no-op when already released', () => {
    expect(when(given(defined(), redeemed(), released()), release())).toEqual([]);
  });

  it('rejects an unknown redemption with REDEMPTION_NOT_FOUND', () => {
    expect(errorCode(when(given(defined()), release()))).toBe('REDEMPTION_NOT_FOUND');
  });

  it('rejects an unknown coupon with COUPON_NOT_FOUND', () => {
    expect(errorCode(when(given(), release()))).toBe('COUPON_NOT_FOUND');
  });
});

describe('DisableCoupon', () => {
  const disable: CouponCommand = { type: 'DisableCoupon', data: { code: 'SUMMER10', at } };

  it('disables the coupon', () => {
    expect(when(given(defined()), disable)).toEqual([disabled]);
  });

  it('is a no-op when already disabled', () => {
    expect(when(given(defined(), disabled), disable)).toEqual([]);
  });

  it('rejects an unknown coupon with COUPON_NOT_FOUND', () => {
    expect(errorCode(when(given(), disable))).toBe('COUPON_NOT_FOUND');
  });
});

describe('computeDiscount', () => {
  it('takes a percentage, rounding half away from zero', () => {
    expect(computeDiscount({ discount: { kind: 'percentage', basisPoints: 1250 } }, usd(1004))).toEqual(usd(126));
  });

  it('takes a fixed amount, never more than the subtotal', () => {
    const tenOff = { discount: { kind: 'fixed' as const, amount: usd(1000) } };
    expect(computeDiscount(tenOff, usd(2500))).toEqual(usd(1000));
    expect(computeDiscount(tenOff, usd(800))).toEqual(usd(800));
  });

  it('throws on a fixed amount in another currency', () => {
    expect(() => computeDiscount({ discount: { kind: 'fixed', amount: usd(1000) } }, money(800, 'EUR'))).toThrow(CurrencyMismatchError);
  });
});
