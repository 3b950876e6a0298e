import type { FastifyRequest } from 'fastify';
import { guestCustomerKey } from '../../../commands/checkout/checkout-ids.js';
import { couponStreamName, decideCoupon } from '../../../domain/coupon/index.js';
import { isDomainError, zeroOf, type DomainError, type Money } from '../../../domain/shared/index.js';
import { GatewayRejectedError, TransientGatewayError } from '../../../payments/errors.js';
import type { PaymentGateway } from '../../../payments/payment-gateway.js';
import { domainErrorProblem } from '../../problems/domain-error-problem.js';
import { ProblemError, problems } from '../../problems/problem.js';
import type { RouteDeps } from '../../route-deps.js';
import type { PaymentInput } from './purchase-schemas.js';

/** Who the order is for: the signed-in customer, or a guest known by an email. */
export interface Buyer {
  readonly customerId: string | null;
  readonly guestEmail: string | null;
}

export function buyerOf(request: FastifyRequest, email: string | undefined): Buyer {
  const customerId = request.principal?.customerId;
  if (customerId !== undefined) return { customerId, guestEmail: null };
  if (email === undefined) throw problems.validation([{ path: 'body.email', message: 'guests check out with an email (or sign in)' }]);
  return { customerId: null, guestEmail: email };
}

/** The key the coupon counts uses by: the customer, or a hash of the guest's email (no PII in coupon streams). */
export const couponCustomerKey = (buyer: Buyer): string => buyer.customerId ?? guestCustomerKey(buyer.guestEmail ?? '');

/**
 * What the coupon takes off `subtotal`, decided exactly as the saga's redemption will decide it
 * (same pure `decide`, a throwaway redemption id), so that a coupon the saga would refuse is
 * refused here, before anything is written. `tolerate` lists refusals that are not final yet
 * (a minimum not met while the cart is still being filled).
 */
export async function previewCoupon(
  deps: RouteDeps,
  code: string,
  subtotal: Money,
  customerKey: string,
  tolerate: readonly string[] = [],
): Promise<Money> {
  const { state } = await deps.system.commands.coupon.read(couponStreamName(code));
  const decision = decideCoupon(
    { type: 'RedeemCoupon', data: { code, redemptionId: 'preview', orderId: 'preview', customerKey, subtotal, at: new Date().toISOString() } },
    state,
  );
  if (isDomainError(decision)) {
    if (tolerate.includes(decision.code)) return zeroOf(subtotal.currency);
    throw domainErrorProblem(decision as DomainError);
  }
  const redeemed = decision.find((event) => event.type === 'CouponRedeemed');
  return redeemed?.type === 'CouponRedeemed' ? redeemed.data.discount : zeroOf(subtotal.currency);
}

/**
 * A card is swapped for a token at once; the number lives only in this call and the gateway's
 * `tokenize` and is never logged, stored or put in an event. A token is taken as given.
 */
export async function paymentToken(gateway: PaymentGateway, payment: PaymentInput): Promise<{ token: string; last4: string }> {
  if ('token' in payment) return { token: payment.token, last4: payment.last4 ?? '0000' };
  try {
    const card = await gateway.tokenize({ cardNumber: payment.cardNumber, expMonth: payment.expMonth, expYear: payment.expYear, cvc: payment.cvc });
    return { token: card.token, last4: card.last4 };
  } catch (error) {
    if (error instanceof GatewayRejectedError) {
      // The gateway's messages never repeat card data; its code says what is wrong.
      throw new ProblemError(422, 'CARD_REJECTED', 'Card rejected', error.message, { reason: error.code });
    }
    if (error instanceof TransientGatewayError) throw problems.unavailable('the payment gateway did not answer; retry shortly');
    throw error;
  }
}
