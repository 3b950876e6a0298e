export { bootstrapActor, bootstrapAdmin, type BootstrapAdminInput, type BootstrapAdminResult } from './bootstrap-admin.js';
export { createCustomerAccounts, type CustomerAccounts } from './customer-accounts.js';
export type { CustomerAccountsDeps } from './deps.js';
export { emailHashOf, resolveEmailHashSecret } from './email-hash.js';
export {
  customerAccountErrorCodes,
  type AccountResult,
  type CustomerAccountError,
  type CustomerAccountErrorCode,
} from './errors.js';
export { createArgon2PasswordHasher, type Argon2Options, type PasswordHasher } from './password-hasher.js';
export { customerIdFor, type Registered, type RegisterCustomerInput } from './register-customer.js';
export { setCustomerRoles, type SetRolesInput, type SetRolesResult } from './set-roles.js';
export type { Authenticated } from './authenticate.js';
