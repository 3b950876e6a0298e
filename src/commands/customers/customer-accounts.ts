import type { CommandContext } from '../command-context.js';
import { createAuthenticate, type Authenticated } from './authenticate.js';
import { bootstrapAdmin, type BootstrapAdminInput, type BootstrapAdminResult } from './bootstrap-admin.js';
import type { CustomerAccountsDeps } from './deps.js';
import { eraseCustomer } from './erase-customer.js';
import type { AccountResult } from './errors.js';
import { registerCustomer, type Registered, type RegisterCustomerInput } from './register-customer.js';
import { setCustomerRoles, type SetRolesInput, type SetRolesResult } from './set-roles.js';

export interface CustomerAccounts {
  registerCustomer(input: RegisterCustomerInput, context: CommandContext): Promise<Registered>;
  eraseCustomer(customerId: string, context?: Partial<CommandContext>): Promise<AccountResult<{ customerId: string }>>;
  authenticate(email: string, password: string): Promise<Authenticated>;
  /** `PUT /admin/customers/{customerId}/roles`: the actor must be an admin (see setCustomerRoles). */
  setRoles(input: SetRolesInput, context: CommandContext): Promise<SetRolesResult>;
  /** The first admin from `ADMIN_EMAIL` / `ADMIN_PASSWORD` or `commerce create-admin` (idempotent). */
  bootstrapAdmin(input: BootstrapAdminInput): Promise<BootstrapAdminResult>;
}

/** Registration, erasure, log-in and roles: the flows that span the customer and email-claim streams and the key store. */
export function createCustomerAccounts(deps: CustomerAccountsDeps): CustomerAccounts {
  return {
    registerCustomer: (input, context) => registerCustomer(deps, input, context),
    eraseCustomer: (customerId, context) => eraseCustomer(deps, customerId, context),
    authenticate: createAuthenticate(deps),
    setRoles: (input, context) => setCustomerRoles(deps.commands, input, context),
    bootstrapAdmin: (input) => bootstrapAdmin(deps, input),
  };
}
