import { customerDecider, customerStreamName, type Actor, type CustomerCommand, type Role } from '../../domain/customer/index.js';
import { isDomainError, type DomainError } from '../../domain/shared/index.js';
import type { Position } from '../../eventstore/types.js';
import type { CommandContext } from '../command-context.js';
import type { CommandHandlers } from '../command-handlers.js';
import { stepContext } from './deps.js';
import { customerAccountError } from './errors.js';

export interface SetRolesInput {
  readonly customerId: string;
  /** The whole set the customer should end up with (`PUT /admin/customers/{customerId}/roles`). */
  readonly roles: readonly Role[];
  readonly actor: Actor;
  readonly at: string;
}

export type SetRolesResult =
  | { readonly ok: true; readonly roles: readonly Role[]; readonly position: Position | undefined }
  | { readonly ok: false; readonly error: DomainError };

/**
 * Turns "these roles" into the grants and revocations the customer aggregate records, one event per
 * change (who changed which role stays in the history). Every command is sent in one tick, so group
 * commit appends them together; each is idempotent, so a retry or a racing admin changes nothing
 * twice. `decide` checks that the actor is an admin and that no admin revokes their own admin role.
 */
export async function setCustomerRoles(
  commands: Pick<CommandHandlers, 'customer'>,
  input: SetRolesInput,
  context: CommandContext,
): Promise<SetRolesResult> {
  const { state } = await commands.customer.read(customerStreamName(input.customerId));
  if (state.status !== 'registered') return { ok: false, error: customerAccountError('CUSTOMER_NOT_FOUND', 'no such customer') };
  const wanted = [...new Set(input.roles)];
  const { customerId, actor, at } = input;
  const grants = wanted.filter((role) => !state.roles.includes(role));
  const revokes = state.roles.filter((role) => !wanted.includes(role));
  const changes: { command: CustomerCommand; step: string }[] = [
    ...grants.map((role) => ({ command: { type: 'GrantRole' as const, data: { customerId, role, actor, at } }, step: `grant/${role}` })),
    ...revokes.map((role) => ({ command: { type: 'RevokeRole' as const, data: { customerId, role, actor, at } }, step: `revoke/${role}` })),
  ];
  // All or nothing: a change the aggregate would refuse (not an admin, own admin role) stops the
  // request before any other change is recorded. The aggregate still decides each one on append.
  for (const { command } of changes) {
    const decided = customerDecider.decide(command, state);
    if (isDomainError(decided)) return { ok: false, error: decided };
  }
  const results = await Promise.all(changes.map(({ command, step }) => commands.customer.send(command, stepContext(context, step))));
  const refused = results.find((result) => !result.ok);
  if (refused && !refused.ok) return { ok: false, error: refused.error };
  const position = results.map((result) => (result.ok ? result.position : undefined)).find((p) => p !== undefined);
  const { state: after } = await commands.customer.read(customerStreamName(customerId));
  return { ok: true, roles: after.status === 'registered' ? after.roles : wanted, position };
}
