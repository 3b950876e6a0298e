import { customerStreamName, emailClaimStreamName, type Actor, type Role } from '../../domain/customer/index.js';
import type { CommandContext } from '../command-context.js';
import { stepContext, type CustomerAccountsDeps } from './deps.js';
import { emailHashOf } from './email-hash.js';
import { customerAccountError, failed, type AccountResult } from './errors.js';
import { registerCustomer } from './register-customer.js';

export interface BootstrapAdminInput {
  readonly email: string;
  readonly password: string;
  /** The display name of a new account (default "Administrator"). */
  readonly name?: string;
  /**
   * What to do when the account exists and `password` is not its password: false (the default)
   * keeps the password the account has, which may have been changed on purpose since; true sets it.
   */
  readonly resetPassword?: boolean;
}

/**
 * - `created`: no account had this email; one was registered with the customer and admin roles.
 * - `promoted`: the account existed and was given the admin role.
 * - `unchanged`: the account was already an admin.
 * `password` says what happened to the password of an existing account: `matches`, `kept` (it
 * differs and was left as it was) or `reset` (it differs and was replaced).
 */
export type BootstrapAdminResult = AccountResult<{
  readonly customerId: string;
  readonly outcome: 'created' | 'promoted' | 'unchanged';
  readonly password: 'set' | 'matches' | 'kept' | 'reset';
  readonly roles: readonly Role[];
}>;

/** The authority bootstrap acts with: there is no admin yet to act as. */
export const bootstrapActor: Actor = { userId: 'system:bootstrap-admin', roles: ['admin'] };

/**
 * The first admin, from `ADMIN_EMAIL` / `ADMIN_PASSWORD` or `commerce create-admin`. Idempotent:
 * run it on every start. Command ids derive from the email's hash, so a repeat (or a crash and
 * retry) records nothing twice.
 */
export async function bootstrapAdmin(deps: CustomerAccountsDeps, input: BootstrapAdminInput): Promise<BootstrapAdminResult> {
  const emailHash = emailHashOf(deps.emailHashSecret, input.email);
  const context: CommandContext = { commandId: `bootstrap-admin/${emailHash}` };
  const claim = await deps.commands.emailClaim.read(emailClaimStreamName(emailHash));
  const holder = claim.state.claimedBy;

  if (holder === null) {
    const roles: Role[] = ['customer', 'admin'];
    const registered = await registerCustomer(deps, { email: input.email, name: input.name ?? 'Administrator', password: input.password, roles }, context);
    if (!registered.ok) return registered;
    return { ok: true, customerId: registered.customerId, outcome: 'created', password: 'set', roles: registered.roles };
  }

  const { state } = await deps.commands.customer.read(customerStreamName(holder));
  if (state.status !== 'registered') return failed(customerAccountError('CUSTOMER_NOT_FOUND', 'the account holding this email is not registered'));
  const at = (deps.now?.() ?? new Date()).toISOString();

  const matches = state.passwordHash !== null && (await deps.passwords.verify(state.passwordHash, input.password));
  let password: 'matches' | 'kept' | 'reset' = matches ? 'matches' : 'kept';
  if (!matches && input.resetPassword) {
    const passwordHash = await deps.passwords.hash(input.password);
    const changed = await deps.commands.customer.send(
      { type: 'ChangePassword', data: { customerId: holder, passwordHash, at } },
      // Not derived from the email alone: each reset is a new intent with a new hash.
      stepContext(context, `reset-password/${at}`),
    );
    if (!changed.ok) return failed(customerAccountError('CUSTOMER_NOT_FOUND', changed.error.message));
    password = 'reset';
  }

  if (state.roles.includes('admin')) return { ok: true, customerId: holder, outcome: 'unchanged', password, roles: state.roles };
  const granted = await deps.commands.customer.send(
    { type: 'GrantRole', data: { customerId: holder, role: 'admin', actor: bootstrapActor, at } },
    stepContext(context, 'grant-admin'),
  );
  if (!granted.ok) return failed(customerAccountError('CUSTOMER_NOT_FOUND', granted.error.message));
  return { ok: true, customerId: holder, outcome: 'promoted', password, roles: [...state.roles, 'admin'] };
}
