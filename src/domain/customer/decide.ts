import { assertNever, isAdmin } from '../shared/index.js';
import type { Decision, Role } from '../shared/index.js';
import { sameAddress } from './address.js';
import type {
  AddAddress,
  ChangePassword,
  CustomerCommand,
  GrantRole,
  RegisterCustomer,
  RemoveAddress,
  RevokeRole,
  UpdateProfile,
} from './commands.js';
import { isValidEmail, normaliseEmail } from './email.js';
import { customerError } from './errors.js';
import type { CustomerEvent } from './events.js';
import type { CustomerState, RegisteredCustomer } from './state.js';

export const defaultCustomerRoles: readonly Role[] = ['customer'];

export function decide(command: CustomerCommand, state: CustomerState): Decision<CustomerEvent> {
  if (state.status === 'erased') {
    // Erasure is final; repeating it (a retried erasure job) is a no-op, anything else is refused.
    return command.type === 'EraseCustomer'
      ? []
      : customerError('CUSTOMER_ERASED', 'this customer has been erased', { customerId: state.customerId });
  }
  if (command.type === 'RegisterCustomer') return register(command, state);
  if (state.status === 'unregistered') {
    return customerError('CUSTOMER_NOT_FOUND', 'no such customer', { customerId: command.data.customerId });
  }
  switch (command.type) {
    case 'UpdateProfile':
      return updateProfile(command, state);
    case 'AddAddress':
      return addAddress(command, state);
    case 'RemoveAddress':
      return removeAddress(command, state);
    case 'ChangePassword':
      return changePassword(command, state);
    case 'GrantRole':
      return grantRole(command, state);
    case 'RevokeRole':
      return revokeRole(command, state);
    case 'EraseCustomer':
      return [
        { type: 'CustomerErased', data: { customerId: state.customerId, emailHash: state.emailHash, at: command.data.at } },
      ];
    default:
      return assertNever(command);
  }
}

function register(command: RegisterCustomer, state: CustomerState): Decision<CustomerEvent> {
  const { customerId, emailHash, name, passwordHash, at } = command.data;
  // Normalised again here (the schema already did) so that state never holds a second spelling,
  // whoever built the command.
  const email = normaliseEmail(command.data.email);
  if (!isValidEmail(email)) return customerError('INVALID_EMAIL', 'not a valid email address', { email });
  const roles = [...new Set(command.data.roles ?? defaultCustomerRoles)];
  if (state.status === 'registered') {
    const sameRegistration =
      state.email === email &&
      state.emailHash === emailHash &&
      state.name === name &&
      state.passwordHash === passwordHash &&
      state.roles.length === roles.length &&
      roles.every((role) => state.roles.includes(role));
    return sameRegistration
      ? []
      : customerError('CUSTOMER_ALREADY_REGISTERED', 'this customer is already registered', { customerId });
  }
  return [{ type: 'CustomerRegistered', data: { customerId, email, emailHash, name, passwordHash, roles, at } }];
}

function updateProfile(command: UpdateProfile, state: RegisteredCustomer): Decision<CustomerEvent> {
  const { name, phone, at } = command.data;
  // Only what actually changes is recorded; a no-change update records nothing.
  const nameChanges = name !== undefined && name !== state.name;
  const phoneChanges = phone !== undefined && phone !== state.phone;
  if (!nameChanges && !phoneChanges) return [];
  return [
    {
      type: 'CustomerProfileUpdated',
      data: {
        customerId: state.customerId,
        ...(nameChanges ? { name } : {}),
        ...(phoneChanges ? { phone } : {}),
        at,
      },
    },
  ];
}

function addAddress(command: AddAddress, state: RegisteredCustomer): Decision<CustomerEvent> {
  const { addressId, address, at } = command.data;
  if (state.addresses.has(addressId)) {
    const recorded = state.addresses.get(addressId) ?? null;
    if (recorded !== null && sameAddress(recorded, address)) return [];
    return customerError('ADDRESS_ID_CONFLICT', 'this address id is already used for another address', { addressId });
  }
  if (state.removedAddressIds.has(addressId)) {
    return customerError('ADDRESS_ID_CONFLICT', 'this address id belonged to a removed address', { addressId });
  }
  // The first address becomes the default, so a customer with addresses always starts with one.
  const isDefault = command.data.default === true || state.defaultAddressId === null;
  return [
    { type: 'CustomerAddressAdded', data: { customerId: state.customerId, addressId, address, isDefault, at } },
  ];
}

function removeAddress(command: RemoveAddress, state: RegisteredCustomer): Decision<CustomerEvent> {
  const { addressId, at } = command.data;
  if (state.removedAddressIds.has(addressId)) return [];
  if (!state.addresses.has(addressId)) {
    return customerError('ADDRESS_NOT_FOUND', 'this customer has no such address', { addressId });
  }
  return [{ type: 'CustomerAddressRemoved', data: { customerId: state.customerId, addressId, at } }];
}

function changePassword(command: ChangePassword, state: RegisteredCustomer): Decision<CustomerEvent> {
  const { passwordHash, at } = command.data;
  if (passwordHash === state.passwordHash) return [];
  return [{ type: 'CustomerPasswordChanged', data: { customerId: state.customerId, passwordHash, at } }];
}

function grantRole(command: GrantRole, state: RegisteredCustomer): Decision<CustomerEvent> {
  const { role, actor, at } = command.data;
  if (!isAdmin(actor)) return customerError('FORBIDDEN', 'only an admin may grant roles', { userId: actor.userId });
  if (state.roles.includes(role)) return [];
  return [
    { type: 'CustomerRoleGranted', data: { customerId: state.customerId, role, grantedBy: actor.userId, at } },
  ];
}

function revokeRole(command: RevokeRole, state: RegisteredCustomer): Decision<CustomerEvent> {
  const { role, actor, at } = command.data;
  if (!isAdmin(actor)) return customerError('FORBIDDEN', 'only an admin may revoke roles', { userId: actor.userId });
  if (role === 'admin' && actor.userId === state.customerId) {
    return customerError('CANNOT_REVOKE_OWN_ADMIN', 'another admin must revoke your admin role');
  }
  if (!state.roles.includes(role)) return [];
  return [
    { type: 'CustomerRoleRevoked', data: { customerId: state.customerId, role, revokedBy: actor.userId, at } },
  ];
}
