import { describe, expect, it } from 'vitest';
import type { CustomerEvent, CustomerEventType } from './index.js';
import { customerEventSchema, customerPiiFields, ERASED, withPiiErased } from './index.js';

const at = '2025-03-01T10:00:00Z';
const id = '6f1c2a9e-1111-4a7b-8c3d-000000000001';

/** One fully populated example of every event type (the record makes a missing type a compile error). */
const examples: { readonly [Type in CustomerEventType]: Extract<CustomerEvent, { type: Type }> } = {
  CustomerRegistered: {
    type: 'CustomerRegistered',
    data: { customerId: id, email: 'a@b.co', emailHash: 'f'.repeat(64), name: 'A', passwordHash: '$x$y', roles: ['customer'], at },
  },
  CustomerProfileUpdated: { type: 'CustomerProfileUpdated', data: { customerId: id, name: 'A', phone: '+1 555 0100', at } },
  CustomerAddressAdded: {
    type: 'CustomerAddressAdded',
    data: {
      customerId: id,
      addressId: id,
      address: { name: 'A', line1: 'l1', line2: 'l2', city: 'c', postalCode: 'p', country: 'DE' },
      isDefault: true,
      at,
    },
  },
  CustomerAddressRemoved: { type: 'CustomerAddressRemoved', data: { customerId: id, addressId: id, at } },
  CustomerPasswordChanged: { type: 'CustomerPasswordChanged', data: { customerId: id, passwordHash: '$x$z', at } },
  CustomerRoleGranted: { type: 'CustomerRoleGranted', data: { customerId: id, role: 'admin', grantedBy: id, at } },
  CustomerRoleRevoked: { type: 'CustomerRoleRevoked', data: { customerId: id, role: 'admin', revokedBy: id, at } },
  CustomerErased: { type: 'CustomerErased', data: { customerId: id, emailHash: 'f'.repeat(64), at } },
};

describe('customerPiiFields', () => {
  for (const example of Object.values(examples)) {
    const pii: readonly string[] = customerPiiFields[example.type];
    const fields = Object.keys(example.data);

    it(`${example.type}: each PII field decodes as ERASED`, () => {
      const erased = withPiiErased(example);
      expect(customerEventSchema.parse(erased)).toEqual(erased);
      for (const field of pii) expect((erased.data as Record<string, unknown>)[field]).toBe(ERASED);
    });

    it(`${example.type}: no other field accepts ERASED (so none is missing from the list)`, () => {
      for (const field of fields.filter((name) => !pii.includes(name))) {
        const tampered = { ...example, data: { ...example.data, [field]: ERASED } };
        expect(customerEventSchema.safeParse(tampered).success, field).toBe(false);
      }
    });
  }

  it('leaves absent optional PII fields absent', () => {
    const nameOnly: CustomerEvent = { type: 'CustomerProfileUpdated', data: { customerId: id, name: 'A', at } };
    expect(withPiiErased(nameOnly).data).toEqual({ customerId: id, name: ERASED, at });
  });
});
