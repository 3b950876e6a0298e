import type { CommandContext } from '../command-context.js';
import { createAuthenticate, type Authenticated } from './authenticate.js';
import type { CustomerAccountsDeps } from './deps.js';
import { eraseCustomer } from './erase-customer.js';
import type { AccountResult } from './errors.js';
import { registerCustomer, type Registered, type RegisterCustomerInput } from './register-customer.js';

export interface CustomerAccounts {
  registerCustomer(input: RegisterCustomerInput, context: CommandContext): Promise<Registered>;
  eraseCustomer(customerId: string, context?: Partial<CommandContext>): Promise<AccountResult<{ customerId: string }>>;
  authenticate(email: string, password: string): Promise<Authenticated>;
}

/** Registration, erasure and log-in: the flows that span the customer and email-claim streams and the key store. */
export function createCustomerAccounts(deps: CustomerAccountsDeps): CustomerAccounts {
  return {
    registerCustomer: (input, context) => registerCustomer(deps, input, context),
    eraseCustomer: (customerId, context) => eraseCustomer(deps, customerId, context),
    authenticate: createAuthenticate(deps),
  };
}
