import { assertNever } from '../shared/index.js';
import type { Money } from '../shared/index.js';
import type { CouponDefinition, CouponEvent } from './events.js';
import { PersistentMap } from './persistent-map.js';

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
   * Persistent maps, because these grow with every redemption (see persistent-map.ts).
   */
  readonly activeCount: number;
  readonly activeByCustomer: PersistentMap<number>;
}

export type CouponState = { readonly status: 'absent' } | DefinedCoupon;

export const initialState = (): CouponState => ({ status: 'absent' });

export const activeUsesOf = (coupon: DefinedCoupon, customerKey: string): number =>
  coupon.activeByCustomer.get(customerKey) ?? 0;

/** Total: events that do not fit the state (never produced by `decide`) leave it unchanged. */
export function evolve(state: CouponState, event: CouponEvent): CouponState {
  switch (event.type) {
    case 'CouponDefined': {
      if (state.status !== 'absent') return state;
      const { at: _definedAt, ...definition } = event.data;
      return {
        status: 'enabled',
        definition,
        redemptions: PersistentMap.empty(),
        activeCount: 0,
        activeByCustomer: PersistentMap.empty(),
      };
    }
    case 'CouponRedeemed': {
      const { redemptionId, orderId, customerKey, discount } = event.data;
      if (state.status === 'absent' || state.redemptions.has(redemptionId)) return state;
      return {
        ...state,
        redemptions: state.redemptions.set(redemptionId, {
          redemptionId,
          orderId,
          customerKey,
          discount,
          active: true,
        }),
        activeCount: state.activeCount + 1,
        activeByCustomer: state.activeByCustomer.set(customerKey, activeUsesOf(state, customerKey) + 1),
      };
    }
    case 'CouponRedemptionReleased': {
      if (state.status === 'absent') return state;
      const redemption = state.redemptions.get(event.data.redemptionId);
      if (redemption === undefined || !redemption.active) return state;
      const { customerKey } = redemption;
      return {
        ...state,
        redemptions: state.redemptions.set(redemption.redemptionId, { ...redemption, active: false }),
        activeCount: state.activeCount - 1,
        activeByCustomer: state.activeByCustomer.set(customerKey, activeUsesOf(state, customerKey) - 1),
      };
    }
    case 'CouponDisabled':
      return state.status === 'absent' ? state : { ...state, status: 'disabled' };
    default:
      return assertNever(event);
  }
}
