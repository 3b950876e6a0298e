import { assertNever } from '../shared/index.js';
import type { Role } from '../shared/index.js';
import type { Address } from './address.js';
import type { Erasable } from './erasure.js';
import type { CustomerEvent } from './events.js';

/**
 * PII fields are `Erasable`: ERASED (null) means the value was recorded but its key has been
 * destroyed. `phone` is additionally `undefined` while the customer never gave one.
 */
export interface RegisteredCustomer {
  readonly status: 'registered';
  readonly customerId: string;
  readonly email: Erasable<string>;
  readonly emailHash: string;
  readonly name: Erasable<string>;
  readonly phone: Erasable<string> | undefined;
  readonly passwordHash: Erasable<string>;
  readonly roles: readonly Role[];
  readonly addresses: ReadonlyMap<string, Erasable<Address>>;
  /** null when there is no address, or the default one was removed (no other is promoted silently). */
  readonly defaultAddressId: string | null;
  /** Ids of removed addresses: a repeated removal is a no-op and the id is never reused. */
  readonly removedAddressIds: ReadonlySet<string>;
  readonly registeredAt: string;
}

/** After erasure nothing personal is kept, not even erased placeholders. */
export interface ErasedCustomer {
  readonly status: 'erased';
  readonly customerId: string;
  /** Kept so that a repeated EraseCustomer can still be traced to the email claim it released. */
  readonly emailHash: string;
  readonly erasedAt: string;
}

export type CustomerState = { readonly status: 'unregistered' } | RegisteredCustomer | ErasedCustomer;

export const initialState = (): CustomerState => ({ status: 'unregistered' });

/**
 * Total: an event that does not fit the state (which a well-formed stream never holds) leaves it
 * unchanged rather than throwing, so any history, erased or not, can always be folded.
 */
export function evolve(state: CustomerState, event: CustomerEvent): CustomerState {
  switch (event.type) {
    case 'CustomerRegistered': {
      if (state.status !== 'unregistered') return state;
      const { customerId, email, emailHash, name, passwordHash, roles, at: registeredAt } = event.data;
      return {
        status: 'registered',
        customerId,
        email,
        emailHash,
        name,
        phone: undefined,
        passwordHash,
        roles: [...new Set(roles)],
        addresses: new Map(),
        defaultAddressId: null,
        removedAddressIds: new Set(),
        registeredAt,
      };
    }
    case 'CustomerProfileUpdated': {
      const { name, phone } = event.data;
      return whenRegistered(state, (customer) => ({
        ...customer,
        name: name === undefined ? customer.name : name,
        phone: phone === undefined ? customer.phone : phone,
      }));
    }
    case 'CustomerAddressAdded': {
      const { addressId, address, isDefault } = event.data;
      return whenRegistered(state, (customer) => ({
        ...customer,
        addresses: new Map(customer.addresses).set(addressId, address),
        defaultAddressId: isDefault ? addressId : customer.defaultAddressId,
      }));
    }
    case 'CustomerAddressRemoved': {
      const { addressId } = event.data;
      return whenRegistered(state, (customer) => {
        if (!customer.addresses.has(addressId)) return customer;
        const addresses = new Map(customer.addresses);
        addresses.delete(addressId);
        return {
          ...customer,
          addresses,
          defaultAddressId: customer.defaultAddressId === addressId ? null : customer.defaultAddressId,
          removedAddressIds: new Set(customer.removedAddressIds).add(addressId),
        };
      });
    }
    case 'CustomerPasswordChanged':
      return whenRegistered(state, (customer) => ({ ...customer, passwordHash: event.data.passwordHash }));
    case 'CustomerRoleGranted': {
      const { role } = event.data;
      return whenRegistered(state, (customer) =>
        customer.roles.includes(role) ? customer : { ...customer, roles: [...customer.roles, role] },
      );
    }
    case 'CustomerRoleRevoked': {
      const { role } = event.data;
      return whenRegistered(state, (customer) => ({ ...customer, roles: customer.roles.filter((held) => held !== role) }));
    }
    case 'CustomerErased':
      // Drops every personal field, erased or not: the state keeps only what erasure leaves.
      return {
        status: 'erased',
        customerId: event.data.customerId,
        emailHash: event.data.emailHash,
        erasedAt: event.data.at,
      };
    default:
      return assertNever(event);
  }
}

function whenRegistered(
  state: CustomerState,
  update: (customer: RegisteredCustomer) => RegisteredCustomer,
): CustomerState {
  return state.status === 'registered' ? update(state) : state;
}
