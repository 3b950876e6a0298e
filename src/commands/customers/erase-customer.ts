import { customerStreamName } from '../../domain/customer/index.js';
import type { CommandContext } from '../command-context.js';
import { stepContext, type CustomerAccountsDeps } from './deps.js';
import { customerAccountError, failed, type AccountResult } from './errors.js';

/**
 * Erasure in three steps, each idempotent, so calling this again after a crash anywhere finishes
 * the job (a process manager on CustomerErased can do exactly that):
 *
 * 1. EraseCustomer appends CustomerErased: the durable record that erasure was decided. From then
 *    on `decide` refuses every other command on the stream, so no new PII can be written (which
 *    would need a key again), and the event carries the email hash the next step needs without
 *    decrypting anything.
 * 2. ReleaseEmail frees the claim, only after step 1: before it, the old account still logs in, and
 *    a new registration of the address would make two live accounts share it.
 * 3. Destroying the key shreds every PII field in the stream's history. Last, because it cannot be
 *    undone; steps 1 and 2 need no key, so its order does not hold them up, and once it is done
 *    nothing personal is left to protect.
 *
 * Command ids derive from the customer id: two erasures of one customer, racing or repeated, append
 * each event once.
 */
export async function eraseCustomer(
  deps: CustomerAccountsDeps,
  customerId: string,
  context: Partial<CommandContext> = {},
): Promise<AccountResult<{ customerId: string }>> {
  const base: CommandContext = { ...context, commandId: context.commandId ?? `erase-customer/${customerId}` };
  const at = (deps.now?.() ?? new Date()).toISOString();

  const erased = await deps.commands.customer.send({ type: 'EraseCustomer', data: { customerId, at } }, stepContext(base, 'erase'));
  if (!erased.ok) return failed(customerAccountError('CUSTOMER_NOT_FOUND', 'no such customer'));

  const { state } = await deps.commands.customer.read(customerStreamName(customerId));
  if (state.status !== 'erased') throw new Error(`customer ${customerId} is not erased after CustomerErased was appended`);
  await deps.commands.emailClaim.send(
    { type: 'ReleaseEmail', data: { emailHash: state.emailHash, customerId, at } },
    stepContext(base, 'release-email'),
  );

  await deps.keys.destroy(customerId);
  return { ok: true, customerId };
}
