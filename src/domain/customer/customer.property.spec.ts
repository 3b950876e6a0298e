import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold, isDomainError } from '../shared/index.js';
import type { CustomerCommand, CustomerEvent, CustomerState, Role } from './index.js';
import { customerDecider, customerEventSchema, ERASED, withPiiErased } from './index.js';

const customerId = '6f1c2a9e-1111-4a7b-8c3d-000000000001';
const adminId = '6f1c2a9e-2222-4a7b-8c3d-000000000002';
const addressIds = ['6f1c2a9e-3333-4a7b-8c3d-000000000003', '6f1c2a9e-4444-4a7b-8c3d-000000000004'];
const at = '2025-03-01T10:00:00Z';
const emailHash = 'e'.repeat(64);

const role = fc.constantFrom<Role>('customer', 'admin');
const addressId = fc.constantFrom(...addressIds);
const text = fc.string({ minLength: 1, maxLength: 12 });
const address = fc.record(
  { name: text, line1: text, line2: text, city: text, postalCode: text, country: fc.constantFrom('DE', 'GB') },
  { requiredKeys: ['name', 'line1', 'city', 'postalCode', 'country'] },
);

/** Any customer event, in any order: evolve must fold histories it would never produce itself. */
const anyEvent: fc.Arbitrary<CustomerEvent> = fc.oneof(
  fc.record({ email: text, name: text, passwordHash: text, roles: fc.array(role, { maxLength: 3 }) }).map(
    (data): CustomerEvent => ({ type: 'CustomerRegistered', data: { customerId, emailHash, ...data, at } }),
  ),
  fc.record({ name: text, phone: text }, { requiredKeys: [] }).map(
    (data): CustomerEvent => ({ type: 'CustomerProfileUpdated', data: { customerId, ...data, at } }),
  ),
  fc.record({ addressId, address, isDefault: fc.boolean() }).map(
    (data): CustomerEvent => ({ type: 'CustomerAddressAdded', data: { customerId, ...data, at } }),
  ),
  addressId.map((id): CustomerEvent => ({ type: 'CustomerAddressRemoved', data: { customerId, addressId: id, at } })),
  text.map((hash): CustomerEvent => ({ type: 'CustomerPasswordChanged', data: { customerId, passwordHash: hash, at } })),
  role.map((r): CustomerEvent => ({ type: 'CustomerRoleGranted', data: { customerId, role: r, grantedBy: adminId, at } })),
  role.map((r): CustomerEvent => ({ type: 'CustomerRoleRevoked', data: { customerId, role: r, revokedBy: adminId, at } })),
  fc.constant<CustomerEvent>({ type: 'CustomerErased', data: { customerId, emailHash, at } }),
);

const foldAll = (events: readonly CustomerEvent[]): CustomerState =>
  fold(customerDecider.evolve, customerDecider.initialState(), events);

/** Everything in a state except the personal values themselves. */
function structure(state: CustomerState): unknown {
  if (state.status !== 'registered') return state;
  return {
    status: state.status,
    roles: state.roles,
    addressIds: [...state.addresses.keys()],
    defaultAddressId: state.defaultAddressId,
    removedAddressIds: [...state.removedAddressIds],
    hasPhone: state.phone !== undefined,
  };
}

describe('customer history with erased PII', () => {
  it('any event sequence with any PII replaced by ERASED folds, decodes, and keeps its structure', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(anyEvent, fc.boolean()), { maxLength: 40 }), (pairs) => {
        const original = pairs.map(([event]) => event);
        const partlyErased = pairs.map(([event, erase]) => (erase ? withPiiErased(event) : event));
        const fullyErased = original.map((event) => withPiiErased(event));

        for (const event of fullyErased) expect(customerEventSchema.safeParse(event).success).toBe(true);
        expect(() => foldAll(partlyErased)).not.toThrow();
        expect(structure(foldAll(partlyErased))).toEqual(structure(foldAll(original)));

        const state = foldAll(fullyErased);
        expect(structure(state)).toEqual(structure(foldAll(original)));
        if (state.status === 'registered') {
          expect([state.email, state.name, state.passwordHash]).toEqual([ERASED, ERASED, ERASED]);
          expect(state.phone === undefined || state.phone === ERASED).toBe(true);
          for (const recorded of state.addresses.values()) expect(recorded).toBe(ERASED);
        }
      }),
    );
  });
});

const admin = { userId: adminId, roles: ['admin' as const] };
const anyCommand: fc.Arbitrary<CustomerCommand> = fc.oneof(
  fc.constant<CustomerCommand>({
    type: 'RegisterCustomer',
    data: { customerId, email: 'ada@example.com', emailHash, name: 'Ada', passwordHash: '$argon2id$x', at },
  }),
  fc.record({ name: text, phone: fc.constant('+49 30 1234567') }, { requiredKeys: [] }).map(
    (data): CustomerCommand => ({ type: 'UpdateProfile', data: { customerId, ...data, at } }),
  ),
  fc.record({ addressId, address, default: fc.boolean() }).map((data): CustomerCommand => ({ type: 'AddAddress', data: { customerId, ...data, at } })),
  addressId.map((id): CustomerCommand => ({ type: 'RemoveAddress', data: { customerId, addressId: id, at } })),
  text.map((hash): CustomerCommand => ({ type: 'ChangePassword', data: { customerId, passwordHash: `$argon2id$${hash}`, at } })),
  role.map((r): CustomerCommand => ({ type: 'GrantRole', data: { customerId, role: r, actor: admin, at } })),
  role.map((r): CustomerCommand => ({ type: 'RevokeRole', data: { customerId, role: r, actor: admin, at } })),
);

describe('customer decisions', () => {
  it('after erasure every command but EraseCustomer is refused, and erasing again records nothing', () => {
    fc.assert(
      fc.property(fc.array(anyCommand, { maxLength: 25 }), fc.array(anyCommand, { maxLength: 10 }), (before, after) => {
        const history: CustomerEvent[] = [];
        for (const command of [...before, { type: 'EraseCustomer', data: { customerId, at } } as const]) {
          const decision = customerDecider.decide(command, foldAll(history));
          if (!isDomainError(decision)) history.push(...decision);
        }
        const state = foldAll(history);
        if (state.status !== 'erased') return; // never registered: EraseCustomer was CUSTOMER_NOT_FOUND
        for (const command of after) {
          const decision = customerDecider.decide(command, state);
          expect(isDomainError(decision) && decision.code).toBe('CUSTOMER_ERASED');
        }
        expect(customerDecider.decide({ type: 'EraseCustomer', data: { customerId, at } }, state)).toEqual([]);
        expect(foldAll(history.map((event) => withPiiErased(event)))).toEqual(state);
      }),
    );
  });

  it('never records ERASED itself, and every decided event decodes', () => {
    fc.assert(
      fc.property(fc.array(anyCommand, { maxLength: 30 }), (commands) => {
        const history: CustomerEvent[] = [];
        for (const command of commands) {
          const decision = customerDecider.decide(command, foldAll(history));
          if (isDomainError(decision)) continue;
          for (const event of decision) {
            expect(customerEventSchema.parse(event)).toEqual(event);
            expect(Object.values(event.data)).not.toContain(ERASED);
          }
          history.push(...decision);
        }
      }),
    );
  });
});
