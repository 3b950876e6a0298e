import { z } from 'zod';
import { instantSchema, roleSchema } from '../shared/index.js';
import { recordedAddressSchema } from './address.js';
import { erasable } from './erasure.js';

export const customerStreamCategory = 'customer';

export const customerStreamName = (customerId: string): string => `${customerStreamCategory}-${customerId}`;

// Event schemas check shape, not today's input rules (those live in commands.ts): history must always
// decode. Fields wrapped in `erasable` are PII and may read back as ERASED (null); see erasure.ts and
// pii.ts, which lists them per event type.

export const customerRegisteredSchema = z.object({
  type: z.literal('CustomerRegistered'),
  data: z.object({
    customerId: z.string(),
    email: erasable(z.string()),
    /** Not PII (see emailHashSchema): lets erasure release the email claim without the email. */
    emailHash: z.string(),
    name: erasable(z.string()),
    passwordHash: erasable(z.string()),
    roles: z.array(roleSchema),
    at: instantSchema,
  }),
});

/** Carries only the fields that changed; an absent field was not touched. */
export const customerProfileUpdatedSchema = z.object({
  type: z.literal('CustomerProfileUpdated'),
  data: z.object({
    customerId: z.string(),
    name: erasable(z.string()).optional(),
    phone: erasable(z.string()).optional(),
    at: instantSchema,
  }),
});

/** `isDefault` is decided by `decide` (the first address becomes the default) so `evolve` stays dumb. */
export const customerAddressAddedSchema = z.object({
  type: z.literal('CustomerAddressAdded'),
  data: z.object({
    customerId: z.string(),
    addressId: z.string(),
    address: erasable(recordedAddressSchema),
    isDefault: z.boolean(),
    at: instantSchema,
  }),
});

export const customerAddressRemovedSchema = z.object({
  type: z.literal('CustomerAddressRemoved'),
  data: z.object({
    customerId: z.string(),
    addressId: z.string(),
    at: instantSchema,
  }),
});

export const customerPasswordChangedSchema = z.object({
  type: z.literal('CustomerPasswordChanged'),
  data: z.object({
    customerId: z.string(),
    passwordHash: erasable(z.string()),
    at: instantSchema,
  }),
});

export const customerRoleGrantedSchema = z.object({
  type: z.literal('CustomerRoleGranted'),
  data: z.object({
    customerId: z.string(),
    role: roleSchema,
    grantedBy: z.string(),
    at: instantSchema,
  }),
});

export const customerRoleRevokedSchema = z.object({
  type: z.literal('CustomerRoleRevoked'),
  data: z.object({
    customerId: z.string(),
    role: roleSchema,
    revokedBy: z.string(),
    at: instantSchema,
  }),
});

/**
 * After this is appended the command side destroys the customer's key, and a process manager sends
 * ReleaseEmail for `emailHash` to the claim stream: both work from this event alone, so a crash
 * anywhere in between is repaired by redelivery, with no need to decrypt anything.
 */
export const customerErasedSchema = z.object({
  type: z.literal('CustomerErased'),
  data: z.object({
    customerId: z.string(),
    emailHash: z.string(),
    at: instantSchema,
  }),
});

export const customerEventSchema = z.discriminatedUnion('type', [
  customerRegisteredSchema,
  customerProfileUpdatedSchema,
  customerAddressAddedSchema,
  customerAddressRemovedSchema,
  customerPasswordChangedSchema,
  customerRoleGrantedSchema,
  customerRoleRevokedSchema,
  customerErasedSchema,
]);

export type CustomerRegistered = z.infer<typeof customerRegisteredSchema>;
export type CustomerProfileUpdated = z.infer<typeof customerProfileUpdatedSchema>;
export type CustomerAddressAdded = z.infer<typeof customerAddressAddedSchema>;
export type CustomerAddressRemoved = z.infer<typeof customerAddressRemovedSchema>;
export type CustomerPasswordChanged = z.infer<typeof customerPasswordChangedSchema>;
export type CustomerRoleGranted = z.infer<typeof customerRoleGrantedSchema>;
export type CustomerRoleRevoked = z.infer<typeof customerRoleRevokedSchema>;
export type CustomerErased = z.infer<typeof customerErasedSchema>;
export type CustomerEvent = z.infer<typeof customerEventSchema>;
export type CustomerEventType = CustomerEvent['type'];
