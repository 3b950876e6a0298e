import { assertNever, instant, PMap } from '../shared/index.js';
import type { Decision, Money } from '../shared/index.js';
import type { DefineCoupon, DisableCoupon, CouponCommand, RedeemCoupon, ReleaseRedemption } from './commands.js';
import { computeDiscount } from './discount.js';
import { couponError } from './errors.js';
import type { CouponDefinition, CouponEvent } from './events.js';
import { normaliseCouponCode } from './events.js';
import { activeUsesOf } from './state.js';
import type { CouponState, DefinedCoupon } from './state.js';
import { validityAt } from './validity.js';

export function decide(command: CouponCommand, state: CouponState): Decision<CouponEvent> {
  if (command.type === 'DefineCoupon') return define(command, state);
  if (state.status === 'absent') {
    return couponError('COUPON_NOT_FOUND', 'no such coupon', { code: normaliseCouponCode(command.data.code) });
  }
  switch (command.type) {
    case 'RedeemCoupon':
      return redeem(command, state);
    case 'ReleaseRedemption':
      return release(command, state);
    case 'DisableCoupon':
      return disable(command, state);
    default:
      return assertNever(command);
  }
}

function define(command: DefineCoupon, state: CouponState): Decision<CouponEvent> {
  const { at, ...rest } = command.data;
  const definition: CouponDefinition = { ...rest, code: normaliseCouponCode(rest.code) };
  if (state.status !== 'absent') {
    return sameDefinition(state.definition, definition)
      ? []
      : couponError('COUPON_ALREADY_DEFINED', 'a different coupon already has this code', { code: definition.code });
  }
  // Rechecked here (the command schema checks too) because a broken definition would make every
  // redemption decision wrong: an empty window, or a fixed amount whose minimum is in another currency.
  if (instant(definition.validFrom) >= instant(definition.validUntil)) {
    return couponError('INVALID_COUPON_DEFINITION', 'validUntil must be after validFrom');
  }
  const { discount, minimumOrder } = definition;
  if (discount.kind === 'fixed' && minimumOrder !== null && discount.amount.currency !== minimumOrder.currency) {
    return couponError('INVALID_COUPON_DEFINITION', 'a fixed discount and its minimum order must share a currency');
  }
  return [{ type: 'CouponDefined', data: { ...definition, at } }];
}

function redeem(command: RedeemCoupon, coupon: DefinedCoupon): Decision<CouponEvent> {
  const { redemptionId, orderId, customerKey, subtotal, at } = command.data;
  const { definition } = coupon;
  const code = definition.code;
  // First, before any rule that may have changed since: a redelivered redemption is a no-op, even
  // once it was released (a late duplicate must not bring a given-back use back to life).
  if (PMap.has(coupon.redemptions, redemptionId)) return [];
  if (coupon.status === 'disabled') return couponError('COUPON_DISABLED', 'this coupon has been disabled', { code });
  switch (validityAt(definition, at)) {
    case 'not_yet_valid':
      return couponError('COUPON_NOT_YET_VALID', 'this coupon is not valid yet', { code, validFrom: definition.validFrom });
    case 'expired':
      return couponError('COUPON_EXPIRED', 'this coupon has expired', { code, validUntil: definition.validUntil });
    case 'valid':
      break;
  }
  const { discount, minimumOrder, totalUsageLimit, perCustomerLimit } = definition;
  const currencyOfCoupon = discount.kind === 'fixed' ? discount.amount.currency : minimumOrder?.currency;
  if (currencyOfCoupon !== undefined && currencyOfCoupon !== subtotal.currency) {
    return couponError('CURRENCY_MISMATCH', `this coupon applies to ${currencyOfCoupon} orders`, {
      code,
      couponCurrency: currencyOfCoupon,
      subtotalCurrency: subtotal.currency,
    });
  }
  if (minimumOrder !== null && subtotal.amount < minimumOrder.amount) {
    return couponError('MINIMUM_NOT_MET', 'the order is below the minimum for this coupon', { code, minimumOrder });
  }
  if (totalUsageLimit !== null && coupon.activeCount >= totalUsageLimit) {
    return couponError('USAGE_LIMIT_REACHED', 'this coupon has been used up', { code, totalUsageLimit });
  }
  if (perCustomerLimit !== null && activeUsesOf(coupon, customerKey) >= perCustomerLimit) {
    return couponError('CUSTOMER_LIMIT_REACHED', 'you have already used this coupon', { code, perCustomerLimit });
  }
  const amountOff: Money = computeDiscount(definition, subtotal);
  return [
    {
      type: 'CouponRedeemed',
      data: { code, redemptionId, orderId, customerKey, subtotal, discount: amountOff, at },
    },
  ];
}

function release(command: ReleaseRedemption, coupon: DefinedCoupon): Decision<CouponEvent> {
  const { redemptionId, reason, at } = command.data;
  const redemption = PMap.get(coupon.redemptions, redemptionId);
  if (redemption === undefined) {
    return couponError('REDEMPTION_NOT_FOUND', 'this coupon has no such redemption', { redemptionId });
  }
  if (!redemption.active) return [];
  // Allowed when disabled or expired too: giving a use back never needs the coupon to be usable.
  return [
    { type: 'CouponRedemptionReleased', data: { code: coupon.definition.code, redemptionId, reason, at } },
  ];
}

function disable(command: DisableCoupon, coupon: DefinedCoupon): Decision<CouponEvent> {
  if (coupon.status === 'disabled') return [];
  return [{ type: 'CouponDisabled', data: { code: coupon.definition.code, at: command.data.at } }];
}

function sameDefinition(a: CouponDefinition, b: CouponDefinition): boolean {
  return (
    a.code === b.code &&
    sameDiscount(a, b) &&
    sameMoney(a.minimumOrder, b.minimumOrder) &&
    instant(a.validFrom) === instant(b.validFrom) &&
    instant(a.validUntil) === instant(b.validUntil) &&
    a.totalUsageLimit === b.totalUsageLimit &&
    a.perCustomerLimit === b.perCustomerLimit
  );
}

function sameDiscount(a: CouponDefinition, b: CouponDefinition): boolean {
  if (a.discount.kind === 'percentage') {
    return b.discount.kind === 'percentage' && a.discount.basisPoints === b.discount.basisPoints;
  }
  return b.discount.kind === 'fixed' && sameMoney(a.discount.amount, b.discount.amount);
}

function sameMoney(a: Money | null, b: Money | null): boolean {
  if (a === null || b === null) return a === b;
  return a.amount === b.amount && a.currency === b.currency;
}
