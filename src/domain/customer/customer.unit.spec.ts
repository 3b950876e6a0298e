import { describe, expect, it } from 'vitest';
import { fold, isDomainError } from '../shared/index.js';
import type { Decision } from '../shared/index.js';
import type { CustomerCommand, CustomerEvent, CustomerState } from './index.js';
import { customerCommandSchema, customerDecider, customerStreamName, ERASED, withPiiErased } from './index.js';

const customerId = '6f1c2a9e-1111-4a7b-8c3d-000000000001';
const adminId = '6f1c2a9e-2222-4a7b-8c3d-000000000002';
const addressId = '6f1c2a9e-3333-4a7b-8c3d-000000000003';
const otherAddressId = '6f1c2a9e-4444-4a7b-8c3d-000000000004';
const at = '2025-03-01T10:00:00Z';
const later = '2025-03-02T10:00:00Z';
const emailHash = 'e'.repeat(64);
const hash = '$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA';
const admin = { userId: adminId, roles: ['customer' as const, 'admin' as const] };
const address = { name: 'Ada Lovelace', line1: '1 Analytical St', city: 'London', postalCode: 'N1 9GU', country: 'GB' };

const registered: CustomerEvent = {
  type: 'CustomerRegistered',
  data: { customerId, email: 'ada@example.com', emailHash, name: 'Ada', passwordHash: hash, roles: ['customer'], at },
};
const addressAdded: CustomerEvent = {
  type: 'CustomerAddressAdded',
  data: { customerId, addressId, address, isDefault: true, at },
};
const erased: CustomerEvent = { type: 'CustomerErased', data: { customerId, emailHash, at: later } };

const given = (...events: CustomerEvent[]): CustomerState =>
  fold(customerDecider.evolve, customerDecider.initialState(), events);
const when = (state: CustomerState, command: CustomerCommand): Decision<CustomerEvent> =>
  customerDecider.decide(command, state);

function events(decision: Decision<CustomerEvent>): readonly CustomerEvent[] {
  if (isDomainError(decision)) throw new Error(`expected events, got ${decision.code}`);
  return decision;
}
function errorCode(decision: Decision<CustomerEvent>): string {
  if (!isDomainError(decision)) throw new Error(`expected an error, got ${JSON.stringify(decision)}`);
  return decision.code;
}

const register = (data: Partial<Extract<CustomerCommand, { type: 'RegisterCustomer' }>['data']> = {}): CustomerCommand => ({
  type: 'RegisterCustomer',
  data: { customerId, email: 'ada@example.com', emailHash, name: 'Ada', passwordHash: hash, at, ...data },
});

describe('customer stream name', () => {
  it('is customer-<customerId>', () => {
    expect(customerStreamName(customerId)).toBe(`customer-${customerId}`);
  });
});

describe('RegisterCustomer', () => {
  it('registers with the customer role by default', () => {
    expect(events(when(given(), register()))).toEqual([registered]);
  });

  it('records the email normalised even when the command was not parsed', () => {
    const [event] = events(when(given(), register({ email: '  Ada@Example.COM ' })));
    expect(event?.type === 'CustomerRegistered' && event.data.email).toBe('ada@example.com');
  });

  it('normalises and validates the email in the command schema', () => {
    const parsed = customerCommandSchema.parse(register({ email: ' Ada@Example.COM' }));
    expect(parsed.type === 'RegisterCustomer' && parsed.data.email).toBe('ada@example.com');
    expect(customerCommandSchema.safeParse(register({ email: 'not-an-email' })).success).toBe(false);
  });

  it('refuses something that is not a password hash at the schema', () => {
    expect(customerCommandSchema.safeParse(register({ passwordHash: 'hunter2' })).success).toBe(false);
  });

  it('takes the email claim id only as a hex digest at the schema, never the address', () => {
    expect(customerCommandSchema.safeParse(register({ emailHash: 'ada@example.com' })).success).toBe(false);
  });

  it('rejects an invalid email with INVALID_EMAIL', () => {
    expect(errorCode(when(given(), register({ email: 'nope' })))).toBe('INVALID_EMAIL');
  });

  it('keeps the given roles, without duplicates', () => {
    const [event] = events(when(given(), register({ roles: ['admin', 'customer', 'admin'] })));
    expect(event?.type === 'CustomerRegistered' && event.data.roles).toEqual(['admin', 'customer']);
  });

  it('is a no-op when the same registration is repeated', () => {
    expect(events(when(given(registered), register()))).toEqual([]);
  });

  it('rejects a different registration of the same customer id', () => {
    expect(errorCode(when(given(registered), register({ name: 'Someone else' })))).toBe('CUSTOMER_ALREADY_REGISTERED');
  });
});

describe('UpdateProfile', () => {
  const update = (data: { name?: string; phone?: string }): CustomerCommand => ({
    type: 'UpdateProfile',
    data: { customerId, ...data, at: later },
  });

  it('records only what changed', () => {
    expect(events(when(given(registered), update({ name: 'Ada', phone: '+44 20 7946 0000' })))).toEqual([
      { type: 'CustomerProfileUpdated', data: { customerId, phone: '+44 20 7946 0000', at: later } },
    ]);
  });

  it('updates the name', () => {
    const decided = events(when(given(registered), update({ name: 'Augusta Ada King' })));
    const state = given(registered, ...decided);
    expect(state.status === 'registered' && state.name).toBe('Augusta Ada King');
  });

  it('is a no-op when nothing changes', () => {
    expect(events(when(given(registered), update({ name: 'Ada' })))).toEqual([]);
  });

  it('needs name or phone at the schema', () => {
    expect(customerCommandSchema.safeParse(update({})).success).toBe(false);
  });

  it('rejects an unknown customer with CUSTOMER_NOT_FOUND', () => {
    expect(errorCode(when(given(), update({ name: 'Ada' })))).toBe('CUSTOMER_NOT_FOUND');
  });
});

describe('AddAddress', () => {
  const add = (id = addressId, extra: { default?: boolean; city?: string } = {}): CustomerCommand => ({
    type: 'AddAddress',
    data: {
      customerId,
      addressId: id,
      address: { ...address, city: extra.city ?? address.city },
      ...(extra.default === undefined ? {} : { default: extra.default }),
      at,
    },
  });

  it('makes the first address the default', () => {
    expect(events(when(given(registered), add()))).toEqual([addressAdded]);
  });

  it('does not move the default unless asked', () => {
    const [event] = events(when(given(registered, addressAdded), add(otherAddressId)));
    expect(event?.type === 'CustomerAddressAdded' && event.data.isDefault).toBe(false);
  });

  it('moves the default when asked', () => {
    const decided = events(when(given(registered, addressAdded), add(otherAddressId, { default: true })));
    const state = given(registered, addressAdded, ...decided);
    expect(state.status === 'registered' && state.defaultAddressId).toBe(otherAddressId);
  });

  it('validates the country as ISO alpha-2 at the schema, upper-casing it', () => {
    const command = add();
    const lower = { ...command, data: { ...command.data, address: { ...address, country: 'gb' } } };
    const parsed = customerCommandSchema.parse(lower);
    expect(parsed.type === 'AddAddress' && parsed.data.address.country).toBe('GB');
    const bad = { ...command, data: { ...command.data, address: { ...address, country: 'GBR' } } };
    expect(customerCommandSchema.safeParse(bad).success).toBe(false);
  });

  it('is a no-op when the same address is added again under its id', () => {
    expect(events(when(given(registered, addressAdded), add()))).toEqual([]);
  });

  it('rejects another address under a used id with ADDRESS_ID_CONFLICT', () => {
    expect(errorCode(when(given(registered, addressAdded), add(addressId, { city: 'Paris' })))).toBe('ADDRESS_ID_CONFLICT');
  });

  it('rejects the id of a removed address with ADDRESS_ID_CONFLICT', () => {
    const removed: CustomerEvent = { type: 'CustomerAddressRemoved', data: { customerId, addressId, at: later } };
    expect(errorCode(when(given(registered, addressAdded, removed), add()))).toBe('ADDRESS_ID_CONFLICT');
  });

  it('rejects an unknown customer with CUSTOMER_NOT_FOUND', () => {
    expect(errorCode(when(given(), add()))).toBe('CUSTOMER_NOT_FOUND');
  });
});

describe('RemoveAddress', () => {
  const remove = (id = addressId): CustomerCommand => ({ type: 'RemoveAddress', data: { customerId, addressId: id, at: later } });
  const removed: CustomerEvent = { type: 'CustomerAddressRemoved', data: { customerId, addressId, at: later } };

  it('removes the address and clears the default it held', () => {
    expect(events(when(given(registered, addressAdded), remove()))).toEqual([removed]);
    const state = given(registered, addressAdded, removed);
    expect(state.status === 'registered' && [state.addresses.size, state.defaultAddressId]).toEqual([0, null]);
  });

  it('is a no-op when repeated', () => {
    expect(events(when(given(registered, addressAdded, removed), remove()))).toEqual([]);
  });

  it('rejects an unknown address with ADDRESS_NOT_FOUND', () => {
    expect(errorCode(when(given(registered), remove(otherAddressId)))).toBe('ADDRESS_NOT_FOUND');
  });
});

describe('ChangePassword', () => {
  const newHash = '$argon2id$v=19$m=65536,t=3,p=4$bmV3$bmV3aGFzaA';
  const change = (passwordHash: string): CustomerCommand => ({ type: 'ChangePassword', data: { customerId, passwordHash, at: later } });

  it('records the new hash', () => {
    expect(events(when(given(registered), change(newHash)))).toEqual([
      { type: 'CustomerPasswordChanged', data: { customerId, passwordHash: newHash, at: later } },
    ]);
  });

  it('is a no-op for the same hash', () => {
    expect(events(when(given(registered), change(hash)))).toEqual([]);
  });

  it('rejects an unknown customer with CUSTOMER_NOT_FOUND', () => {
    expect(errorCode(when(given(), change(newHash)))).toBe('CUSTOMER_NOT_FOUND');
  });
});

describe('GrantRole and RevokeRole', () => {
  const grant = (actor = admin): CustomerCommand => ({ type: 'GrantRole', data: { customerId, role: 'admin', actor, at } });
  const revoke = (actor = admin): CustomerCommand => ({ type: 'RevokeRole', data: { customerId, role: 'admin', actor, at } });
  const granted: CustomerEvent = {
    type: 'CustomerRoleGranted',
    data: { customerId, role: 'admin', grantedBy: adminId, at },
  };

  it('lets an admin grant a role', () => {
    expect(events(when(given(registered), grant()))).toEqual([granted]);
  });

  it('is a no-op to grant a role already held', () => {
    expect(events(when(given(registered, granted), grant()))).toEqual([]);
  });

  it('rejects a non-admin with FORBIDDEN', () => {
    const customer = { userId: customerId, roles: ['customer' as const] };
    expect(errorCode(when(given(registered), grant(customer)))).toBe('FORBIDDEN');
    expect(errorCode(when(given(registered, granted), revoke(customer)))).toBe('FORBIDDEN');
  });

  it('lets an admin revoke a role', () => {
    const decided = events(when(given(registered, granted), revoke()));
    expect(decided).toEqual([
      { type: 'CustomerRoleRevoked', data: { customerId, role: 'admin', revokedBy: adminId, at } },
    ]);
    const state = given(registered, granted, ...decided);
    expect(state.status === 'registered' && state.roles).toEqual(['customer']);
  });

  it('is a no-op to revoke a role not held', () => {
    expect(events(when(given(registered), revoke()))).toEqual([]);
  });

  it('rejects an admin revoking their own admin role with CANNOT_REVOKE_OWN_ADMIN', () => {
    const self = { userId: customerId, roles: ['customer' as const, 'admin' as const] };
    expect(errorCode(when(given(registered, granted), revoke(self)))).toBe('CANNOT_REVOKE_OWN_ADMIN');
  });

  it('rejects an unknown customer with CUSTOMER_NOT_FOUND', () => {
    expect(errorCode(when(given(), grant()))).toBe('CUSTOMER_NOT_FOUND');
  });
});

describe('EraseCustomer', () => {
  const erase: CustomerCommand = { type: 'EraseCustomer', data: { customerId, at: later } };

  it('names the email claim to release, so that needs no decryption', () => {
    const [event] = events(when(given(withPiiErased(registered)), erase));
    expect(event?.type === 'CustomerErased' && event.data.emailHash).toBe(emailHash);
  });

  it('erases a registered customer and keeps nothing personal in state', () => {
    expect(events(when(given(registered, addressAdded), erase))).toEqual([erased]);
    expect(given(registered, addressAdded, erased)).toEqual({ status: 'erased', customerId, emailHash, erasedAt: later });
  });

  it('is a no-op when repeated', () => {
    expect(events(when(given(registered, erased), erase))).toEqual([]);
  });

  it('refuses every other command afterwards with CUSTOMER_ERASED', () => {
    const state = given(registered, erased);
    const others: CustomerCommand[] = [
      register(),
      { type: 'UpdateProfile', data: { customerId, name: 'X', at } },
      { type: 'AddAddress', data: { customerId, addressId, address, at } },
      { type: 'RemoveAddress', data: { customerId, addressId, at } },
      { type: 'ChangePassword', data: { customerId, passwordHash: hash, at } },
      { type: 'GrantRole', data: { customerId, role: 'admin', actor: admin, at } },
      { type: 'RevokeRole', data: { customerId, role: 'customer', actor: admin, at } },
    ];
    for (const command of others) expect(errorCode(when(state, command))).toBe('CUSTOMER_ERASED');
  });

  it('rejects an unknown customer with CUSTOMER_NOT_FOUND', () => {
    expect(errorCode(when(given(), erase))).toBe('CUSTOMER_NOT_FOUND');
  });
});

describe('history read back after the key was destroyed', () => {
  it('folds with PII shown as ERASED and structure intact', () => {
    const state = given(...[registered, addressAdded].map((event) => withPiiErased(event)));
    expect(state).toMatchObject({
      status: 'registered',
      email: ERASED,
      name: ERASED,
      passwordHash: ERASED,
      phone: undefined,
      roles: ['customer'],
      defaultAddressId: addressId,
    });
    expect(state.status === 'registered' && state.addresses.get(addressId)).toBe(ERASED);
  });

  it('still erases, and still treats a re-added erased address id as a conflict', () => {
    const state = given(withPiiErased(registered), withPiiErased(addressAdded));
    expect(events(when(state, { type: 'EraseCustomer', data: { customerId, at: later } }))).toEqual([erased]);
    const add: CustomerCommand = { type: 'AddAddress', data: { customerId, addressId, address, at } };
    expect(errorCode(when(state, add))).toBe('ADDRESS_ID_CONFLICT');
  });
});
