import { domainErrorFor, type DomainError } from '../../domain/shared/index.js';

export const customerAccountErrorCodes = [
  'EMAIL_TAKEN',
  /** The email, name or roles are malformed; `details.fields` names which (never their values). */
  'INVALID_REGISTRATION',
  'WEAK_PASSWORD',
  /** The command id was used before to register with another email. */
  'CUSTOMER_ALREADY_REGISTERED',
  'CUSTOMER_ERASED',
  'CUSTOMER_NOT_FOUND',
  /** Unknown email, wrong password, erased customer: one answer, so logins cannot probe for accounts. */
  'INVALID_CREDENTIALS',
] as const;
export type CustomerAccountErrorCode = (typeof customerAccountErrorCodes)[number];
export type CustomerAccountError = DomainError<CustomerAccountErrorCode>;

export const customerAccountError = domainErrorFor(customerAccountErrorCodes);

export type AccountResult<Value> = ({ readonly ok: true } & Value) | { readonly ok: false; readonly error: CustomerAccountError };

export const failed = (error: CustomerAccountError): { readonly ok: false; readonly error: CustomerAccountError } => ({ ok: false, error });
