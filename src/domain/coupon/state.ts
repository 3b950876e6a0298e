import { assertNever, PMap } from '../shared/index.js';
import type { Money, PersistentMap } from '../shared/index.js';
import type { CouponDefinition, CouponEvent } from './events.js';

export interface Redemption {
  readonly redemptionId: string;
  readonly orderId: string;
  readonly customerKey: string;
  readonly discount: Money;
  /** false once released: it stays known (a repeated redeem or release is a no-op) but no longer counts. */
  readonly active: boolean;
}

export interface DefinedCoupon {
  readonly status: 'enabled' | 'disabled';
  readonly definition: CouponDefinition;
  readonly redemptions: PersistentMap<Redemption>;
  /**
   * Active redemptions in all, and per customer key: what the usage limits are checked against.
   * Persistent maps, because these grow with every redemption (see shared/persistent-map.ts).
   */
  readonly activeCount: number;
  readonly activeByCustomer: PersistentMap<number>;
}

export type CouponState = { readonly status: 'absent' } | DefinedCoupon;

export const initialState = (): CouponState => ({ status: 'absent' });

export const activeUsesOf = (coupon: DefinedCoupon, customerKey: string): number =>
  PMap.get(coupon.activeByCustomer, customerKey) ?? 0;

/** Total: events that do not fit the state (never produced by `decide`) leave it unchanged. */
export function evolve(state: CouponState, event: CouponEvent): CouponState {
  switch (event.type) {
    case 'CouponDefined': {
      if (state.status !== 'absent') return state;
      const { at: _definedAt, ...definition } = event.data;
      return {
        status: 'enabled',
        definition,
        redemptions: PMap.empty(),
        activeCount: 0,
        activeByCustomer: PMap.empty(),
      };
    }
    case 'CouponRedeemed': {
      const { redemptionId, orderId, customerKey, discount } = event.data;
      if (state.status === 'absent' || PMap.has(state.redemptions, redemptionId)) return state;
      return {
        ...state,
        redemptions: PMap.set(state.redemptions, redemptionId, {
          redemptionId,
          orderId,
          customerKey,
          discount,
          active: true,
        }),
        activeCount: state.activeCount + 1,
        activeByCustomer: PMap.set(state.activeByCustomer, customerKey, activeUsesOf(state, customerKey) + 1),
      };
    }
    case 'CouponRedemptionReleased': {
      if (state.status === 'absent') return state;
      const redemption = PMap.get(state.redemptions, event.data.redemptionId);
      if (redemption === undefined || !redemption.active) return state;
      const { customerKey } = redemption;
      return {
        ...state,
        redemptions: PMap.set(state.redemptions, redemption.redemptionId, { ...redemption, active: false }),
        activeCount: state.activeCount - 1,
        activeByCustomer: PMap.set(state.activeByCustomer, customerKey, activeUsesOf(state, customerKey) - 1),
      };
    }
    case 'CouponDisabled':
      return state.status === 'absent' ? state : { ...state, status: 'disabled' };
    default:
      return assertNever(event);
  }
}
