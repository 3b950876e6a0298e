import type { Money } from '../../domain/shared/money.js';
import type { GatewayRejectionCode } from '../errors.js';
import type { SandboxAuthorization } from './sandbox-ledger.js';

/*
 * What a card network enforces on an authorization, as pure functions: one capture of at most the
 * authorized amount (the rest is released, as at Stripe), no capture after a void, no void after a
 * capture (refund instead), refunds adding up to at most what was captured.
 */

export type Ruling = { readonly ok: true; readonly authorization: SandboxAuthorization } | { readonly ok: false; readonly code: GatewayRejectionCode; readonly message: string };

const refuse = (code: GatewayRejectionCode, message: string): Ruling => ({ ok: false, code, message });

function currencyProblem(authorization: SandboxAuthorization, amount: Money): Ruling | null {
  return amount.currency === authorization.authorized.currency
    ? null
    : refuse('currency_mismatch', `the authorization is in ${authorization.authorized.currency}, not ${amount.currency}`);
}

export function capture(authorization: SandboxAuthorization, amount: Money): Ruling {
  if (authorization.status === 'voided') return refuse('already_voided', 'a voided authorization cannot be captured');
  if (authorization.status === 'captured') return refuse('already_captured', 'the authorization was already captured');
  const problem = currencyProblem(authorization, amount);
  if (problem !== null) return problem;
  if (amount.amount > authorization.authorized.amount) {
    return refuse('amount_exceeds_authorized', `at most ${authorization.authorized.amount} can be captured`);
  }
  return { ok: true, authorization: { ...authorization, status: 'captured', captured: amount } };
}

export function voidAuthorization(authorization: SandboxAuthorization): Ruling {
  if (authorization.status === 'voided') return refuse('already_voided', 'the authorization was already voided');
  if (authorization.status === 'captured') return refuse('already_captured', 'a captured authorization is refunded, not voided');
  return { ok: true, authorization: { ...authorization, status: 'voided' } };
}

export function refund(authorization: SandboxAuthorization, amount: Money): Ruling {
  if (authorization.status !== 'captured') return refuse('not_captured', 'only captured money can be refunded');
  const problem = currencyProblem(authorization, amount);
  if (problem !== null) return problem;
  const refunded = authorization.refunded.amount + amount.amount;
  if (refunded > authorization.captured.amount) {
    const left = authorization.captured.amount - authorization.refunded.amount;
    return refuse('amount_exceeds_captured', `at most ${left} is left to refund`);
  }
  return { ok: true, authorization: { ...authorization, refunded: { amount: refunded, currency: amount.currency } } };
}
