import {
  customerStreamName,
  defaultCustomerRoles,
  registerCustomerSchema,
  type Role,
} from '../../domain/customer/index.js';
import type { Position } from '../../eventstore/types.js';
import type { CommandContext } from '../command-context.js';
import { uuidFromName } from '../event-ids.js';
import { stepContext, type CustomerAccountsDeps } from './deps.js';
import { emailHashOf } from './email-hash.js';
import { customerAccountError, failed, type AccountResult } from './errors.js';

export interface RegisterCustomerInput {
  readonly email: string;
  readonly name: string;
  readonly password: string;
  /** Omitted means ['customer']. Only trusted callers (seeding, admin tools) may pass roles. */
  readonly roles?: readonly Role[];
}

export type Registered = AccountResult<{ customerId: string; roles: readonly Role[]; position: Position | undefined }>;

/** NIST SP 800-63B: at least 8 characters; the cap only bounds the work one request can cause. */
const MIN_PASSWORD_LENGTH = 8;
const MAX_PASSWORD_LENGTH = 1024;

const registrationInputSchema = registerCustomerSchema.shape.data.pick({ email: true, name: true, roles: true });

/** The customer id a registration command creates: the same for every retry of that command. */
export const customerIdFor = (commandId: string): string => uuidFromName(`customer/${commandId}`);

/**
 * Hash the password, claim the email (the claim stream is appended with the revision read, so of
 * two registrations racing for one email exactly one wins), then register the customer. The
 * customer id derives from the command id: a retry after a crash between claim and registration
 * finds the claim already its own and completes, instead of locking the email away.
 */
export async function registerCustomer(
  deps: CustomerAccountsDeps,
  input: RegisterCustomerInput,
  context: CommandContext,
): Promise<Registered> {
  const parsed = registrationInputSchema.safeParse({ email: input.email, name: input.name, roles: input.roles });
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0])))];
    return failed(customerAccountError('INVALID_REGISTRATION', 'the registration is not valid', { fields }));
  }
  if (input.password.length < MIN_PASSWORD_LENGTH || input.password.length > MAX_PASSWORD_LENGTH) {
    return failed(customerAccountError('WEAK_PASSWORD', `the password must have ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters`));
  }
  const { email, name } = parsed.data;
  const roles = [...new Set(parsed.data.roles ?? defaultCustomerRoles)];
  const customerId = customerIdFor(context.commandId);
  const emailHash = emailHashOf(deps.emailHashSecret, email);

  // A retry of a registration that completed, or whose customer was erased since: claim nothing again.
  const earlier = await alreadyDone(deps, customerId, emailHash);
  if (earlier) return earlier;

  const passwordHash = await deps.passwords.hash(input.password);
  const at = (deps.now?.() ?? new Date()).toISOString();
  const claim = await deps.commands.emailClaim.send(
    { type: 'ClaimEmail', data: { emailHash, customerId, at } },
    stepContext(context, 'claim-email'),
  );
  if (!claim.ok) return failed(customerAccountError('EMAIL_TAKEN', 'this email is already registered'));

  const registered = await deps.commands.customer.send(
    { type: 'RegisterCustomer', data: { customerId, email, emailHash, name, passwordHash, roles, at } },
    stepContext(context, 'register'),
  );
  if (registered.ok) return { ok: true, customerId, roles, position: registered.position };
  // A concurrent retry of this command registered first (with its own salt, so a different hash).
  return (await alreadyDone(deps, customerId, emailHash)) ?? failed(customerAccountError('CUSTOMER_ALREADY_REGISTERED', registered.error.message));
}

async function alreadyDone(deps: CustomerAccountsDeps, customerId: string, emailHash: string): Promise<Registered | undefined> {
  const { state } = await deps.commands.customer.read(customerStreamName(customerId));
  if (state.status === 'unregistered') return undefined;
  if (state.status === 'erased') return failed(customerAccountError('CUSTOMER_ERASED', 'this registration was erased'));
  if (state.emailHash !== emailHash) {
    return failed(customerAccountError('CUSTOMER_ALREADY_REGISTERED', 'this command id registered another email'));
  }
  return { ok: true, customerId, roles: state.roles, position: undefined };
}
