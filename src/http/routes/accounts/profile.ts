import { z } from 'zod';
import { customerStreamName, type RegisteredCustomer } from '../../../domain/customer/index.js';
import type { System } from '../../../system.js';
import { problems } from '../../problems/problem.js';

export const addressOutSchema = z.object({
  addressId: z.string(),
  name: z.string(),
  line1: z.string(),
  line2: z.string().optional(),
  city: z.string(),
  postalCode: z.string(),
  country: z.string(),
  isDefault: z.boolean(),
});

export const profileSchema = z
  .object({
    customerId: z.string(),
    email: z.string(),
    name: z.string(),
    phone: z.string().nullable(),
    roles: z.array(z.enum(['customer', 'seller', 'admin'])),
    addresses: z.array(addressOutSchema),
    registeredAt: z.string(),
  })
  .describe('The signed-in customer’s own account');

export type Profile = z.infer<typeof profileSchema>;
export type AddressOut = z.infer<typeof addressOutSchema>;

export function addressesOf(customer: RegisteredCustomer): AddressOut[] {
  return [...customer.addresses].flatMap(([addressId, address]) =>
    address === null ? [] : [{ addressId, ...address, isDefault: customer.defaultAddressId === addressId }],
  );
}

/** PII read back from the customer's stream; an erased field (null) shows as empty, never as a value. */
export function profileOf(customer: RegisteredCustomer): Profile {
  return {
    customerId: customer.customerId,
    email: customer.email ?? '',
    name: customer.name ?? '',
    phone: customer.phone ?? null,
    roles: [...customer.roles],
    addresses: addressesOf(customer),
    registeredAt: customer.registeredAt,
  };
}

/**
 * The caller's account, read from its stream (not a read model: PII stays in `customer-*` streams).
 * The auth plugin already refused erased accounts; one erased in between answers 404.
 */
export async function registeredCustomer(system: System, customerId: string): Promise<RegisteredCustomer> {
  const { state } = await system.commands.customer.read(customerStreamName(customerId));
  if (state.status !== 'registered') throw problems.notFound('customer', customerId);
  return state;
}
