import type { CouponDiscount } from '../../../src/domain/coupon/index.js';
import { DAY, iso, type Coupon, type Customer, type Shop } from './shop.js';

interface CouponTerms {
  readonly discount: CouponDiscount;
  readonly minimumOrder: { amount: number; currency: string } | null;
  readonly days: number;
  readonly totalUsageLimit: number | null;
  readonly perCustomerLimit: number | null;
}

const percent = (basisPoints: number): CouponDiscount => ({ kind: 'percentage', basisPoints });

const LAUNCH: readonly (readonly [string, CouponTerms])[] = [
  ['WELCOME10', { discount: percent(1000), minimumOrder: null, days: 365, totalUsageLimit: null, perCustomerLimit: 1 }],
  ['SAVE15', { discount: percent(1500), minimumOrder: { amount: 5000, currency: 'USD' }, days: 120, totalUsageLimit: null, perCustomerLimit: 3 }],
  ['FIVEOFF', { discount: { kind: 'fixed', amount: { amount: 500, currency: 'USD' } }, minimumOrder: { amount: 2500, currency: 'USD' }, days: 90, totalUsageLimit: 5000, perCustomerLimit: 2 }],
  ['EURO10', { discount: { kind: 'fixed', amount: { amount: 1000, currency: 'EUR' } }, minimumOrder: { amount: 4000, currency: 'EUR' }, days: 90, totalUsageLimit: 3000, perCustomerLimit: 1 }],
  ['VIP20', { discount: percent(2000), minimumOrder: null, days: 365, totalUsageLimit: 400, perCustomerLimit: 1 }],
];

export function defineCoupon(shop: Shop, code: string, terms: CouponTerms): void {
  const coupon: Coupon = { code, ...terms, validFrom: shop.now, validUntil: shop.now + terms.days * DAY, uses: 0, usesBy: new Map(), disabled: false };
  shop.coupons.push(coupon);
  const { days: _days, ...defined } = terms;
  const data = { code, ...defined, validFrom: iso(coupon.validFrom), validUntil: iso(coupon.validUntil), at: iso(shop.now) };
  shop.append(`coupon-${code}`, [{ type: 'CouponDefined', data }], 'DefineCoupon', code);
}

export function launchCoupons(shop: Shop): void {
  for (const [code, terms] of LAUNCH) defineCoupon(shop, code, terms);
}

/** Marketing runs a short campaign now and then, and retires an older one. */
export function runCampaign(shop: Shop): void {
  const code = `PROMO${shop.random.letters(4).toUpperCase()}${shop.random.int(10, 30)}`;
  defineCoupon(shop, code, { discount: percent(shop.random.int(5, 25) * 100), minimumOrder: null, days: shop.random.int(3, 14), totalUsageLimit: shop.random.pick([null, 500, 1000]), perCustomerLimit: 1 });
  const old = shop.coupons.find((c) => !c.disabled && c.validUntil < shop.now);
  if (old) {
    old.disabled = true;
    shop.append(`coupon-${old.code}`, [{ type: 'CouponDisabled', data: { code: old.code, at: iso(shop.now) } }], 'DisableCoupon', old.code);
  }
}

/** A coupon a shopper of `currency` could type in today (fixed amounts only in their own currency). */
export function activeCoupon(shop: Shop, currency: string): Coupon | undefined {
  const usable = shop.coupons.filter(
    (c) => !c.disabled && c.validFrom <= shop.now && shop.now < c.validUntil && (c.discount.kind === 'percentage' || c.discount.amount.currency === currency),
  );
  return usable.length === 0 ? undefined : shop.random.pick(usable);
}

/** The checks `RedeemCoupon` makes; true when the use may be recorded. */
export function redeemable(shop: Shop, coupon: Coupon, customerKey: string, subtotal: { amount: number; currency: string }): boolean {
  if (coupon.disabled || shop.now < coupon.validFrom || shop.now >= coupon.validUntil) return false;
  if (coupon.minimumOrder && (coupon.minimumOrder.currency !== subtotal.currency || subtotal.amount < coupon.minimumOrder.amount)) return false;
  if (coupon.totalUsageLimit !== null && coupon.uses >= coupon.totalUsageLimit) return false;
  return coupon.perCustomerLimit === null || (coupon.usesBy.get(customerKey) ?? 0) < coupon.perCustomerLimit;
}

export function redeem(shop: Shop, coupon: Coupon, redemption: { redemptionId: string; orderId: string; customerKey: string; subtotal: object; discount: object }): void {
  coupon.uses++;
  coupon.usesBy.set(redemption.customerKey, (coupon.usesBy.get(redemption.customerKey) ?? 0) + 1);
  shop.append(`coupon-${coupon.code}`, [{ type: 'CouponRedeemed', data: { code: coupon.code, ...redemption, at: iso(shop.now) } }], 'RedeemCoupon', redemption.orderId);
}

export function releaseRedemption(shop: Shop, coupon: Coupon, redemption: { redemptionId: string; orderId: string; customerKey: string }, reason: string): void {
  coupon.uses--;
  coupon.usesBy.set(redemption.customerKey, (coupon.usesBy.get(redemption.customerKey) ?? 1) - 1);
  const data = { code: coupon.code, redemptionId: redemption.redemptionId, reason, at: iso(shop.now) };
  shop.append(`coupon-${coupon.code}`, [{ type: 'CouponRedemptionReleased', data }], 'ReleaseRedemption', redemption.orderId);
}

export const customerKeyOf = (shop: Shop, customer: Customer | null): string => customer?.customerId ?? `guest-${shop.random.hex(40)}`;
