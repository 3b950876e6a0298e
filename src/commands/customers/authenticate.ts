import { randomUUID } from 'node:crypto';
import { customerStreamName, emailClaimStreamName, type Role } from '../../domain/customer/index.js';
import type { CustomerAccountsDeps } from './deps.js';
import { emailHashOf } from './email-hash.js';
import { customerAccountError, failed, type AccountResult } from './errors.js';

export type Authenticated = AccountResult<{ customerId: string; roles: readonly Role[] }>;

/**
 * Email and password to a customer id and roles. Every failure (unknown email, erased customer,
 * wrong password) answers the same error, and an unknown email still costs one hash verification,
 * so neither the message nor the response time tells whether an account exists.
 */
export function createAuthenticate(deps: CustomerAccountsDeps): (email: string, password: string) => Promise<Authenticated> {
  // A real hash of a random password, made once: the stand-in verified when there is no account.
  let decoy: Promise<string> | undefined;
  const decoyHash = () => (decoy ??= deps.passwords.hash(randomUUID()));

  return async (email, password) => {
    const emailHash = emailHashOf(deps.emailHashSecret, email);
    // Fresh reads, not cached state: a password changed or an erasure done by another process counts now.
    const claim = await deps.commands.emailClaim.read(emailClaimStreamName(emailHash));
    const holder = claim.state.claimedBy;
    const customer = holder === null ? undefined : (await deps.commands.customer.read(customerStreamName(holder))).state;
    const account = customer?.status === 'registered' && customer.passwordHash !== null ? customer : undefined;
    const verified = await deps.passwords.verify(account?.passwordHash ?? (await decoyHash()), password);
    if (!account || !verified) return failed(customerAccountError('INVALID_CREDENTIALS', 'email or password is wrong'));
    return { ok: true, customerId: account.customerId, roles: account.roles };
  };
}
