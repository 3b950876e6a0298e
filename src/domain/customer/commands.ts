import { z } from 'zod';
import { actorSchema, idSchema, instantSchema, roleSchema } from '../shared/index.js';
import { addressInputSchema } from './address.js';
import { emailHashSchema, emailSchema } from './email.js';

const customerId = idSchema;
const personName = z.string().trim().min(1).max(200);
const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 ()-]{4,24}$/, 'expected a phone number such as +49 30 1234567');

/**
 * A hash in PHC / modular-crypt form (`$argon2id$...`, `$2b$...`). The domain never sees a password;
 * demanding the `$scheme$` prefix makes passing a plain password by mistake fail loudly.
 */
export const passwordHashSchema = z
  .string()
  .max(1024)
  .regex(/^\$[a-z0-9-]+\$\S+$/, 'expected a PHC-format password hash');

export const registerCustomerSchema = z.object({
  type: z.literal('RegisterCustomer'),
  data: z.object({
    customerId,
    email: emailSchema,
    /** The id of the email's claim stream, claimed before registering (see email-claim.ts). */
    emailHash: emailHashSchema,
    name: personName,
    passwordHash: passwordHashSchema,
    /** Omitted means ['customer']. Self-registration over HTTP must never take roles from the request. */
    roles: z.array(roleSchema).min(1).optional(),
    at: instantSchema,
  }),
});

export const updateProfileSchema = z.object({
  type: z.literal('UpdateProfile'),
  data: z
    .object({ customerId, name: personName.optional(), phone: phone.optional(), at: instantSchema })
    .refine((data) => data.name !== undefined || data.phone !== undefined, 'give name, phone or both'),
});

export const addAddressSchema = z.object({
  type: z.literal('AddAddress'),
  data: z.object({
    customerId,
    addressId: idSchema,
    address: addressInputSchema,
    default: z.boolean().optional(),
    at: instantSchema,
  }),
});

export const removeAddressSchema = z.object({
  type: z.literal('RemoveAddress'),
  data: z.object({ customerId, addressId: idSchema, at: instantSchema }),
});

export const changePasswordSchema = z.object({
  type: z.literal('ChangePassword'),
  data: z.object({ customerId, passwordHash: passwordHashSchema, at: instantSchema }),
});

export const grantRoleSchema = z.object({
  type: z.literal('GrantRole'),
  data: z.object({ customerId, role: roleSchema, actor: actorSchema, at: instantSchema }),
});

export const revokeRoleSchema = z.object({
  type: z.literal('RevokeRole'),
  data: z.object({ customerId, role: roleSchema, actor: actorSchema, at: instantSchema }),
});

export const eraseCustomerSchema = z.object({
  type: z.literal('EraseCustomer'),
  data: z.object({ customerId, at: instantSchema }),
});

export const customerCommandSchema = z.discriminatedUnion('type', [
  registerCustomerSchema,
  updateProfileSchema,
  addAddressSchema,
  removeAddressSchema,
  changePasswordSchema,
  grantRoleSchema,
  revokeRoleSchema,
  eraseCustomerSchema,
]);

export type RegisterCustomer = z.infer<typeof registerCustomerSchema>;
export type UpdateProfile = z.infer<typeof updateProfileSchema>;
export type AddAddress = z.infer<typeof addAddressSchema>;
export type RemoveAddress = z.infer<typeof removeAddressSchema>;
export type ChangePassword = z.infer<typeof changePasswordSchema>;
export type GrantRole = z.infer<typeof grantRoleSchema>;
export type RevokeRole = z.infer<typeof revokeRoleSchema>;
export type EraseCustomer = z.infer<typeof eraseCustomerSchema>;
export type CustomerCommand = z.infer<typeof customerCommandSchema>;
