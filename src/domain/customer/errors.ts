import { domainErrorFor } from '../shared/index.js';

export const customerErrorCodes = [
  'CUSTOMER_NOT_FOUND',
  'CUSTOMER_ALREADY_REGISTERED',
  /** Every command after erasure except EraseCustomer itself (which returns []). */
  'CUSTOMER_ERASED',
  'INVALID_EMAIL',
  'ADDRESS_NOT_FOUND',
  /** The address id is in use for a different address, or belonged to a removed one. */
  'ADDRESS_ID_CONFLICT',
  /** The actor lacks the role the command needs (granting and revoking roles take an admin). */
  'FORBIDDEN',
  /** An admin may not drop their own admin role: it is how shops lose their last admin. */
  'CANNOT_REVOKE_OWN_ADMIN',
] as const;
export type CustomerErrorCode = (typeof customerErrorCodes)[number];

/** `domainError` narrowed to the customer's codes, so a typo in a code fails to compile. */
export const customerError = domainErrorFor(customerErrorCodes);
