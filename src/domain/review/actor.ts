import { z } from 'zod';
import { idSchema } from './values.js';

// Belongs in src/domain/shared (customer/actor.ts holds the same); kept here because aggregates may only
// import from shared, which this change may not edit.

export const roleSchema = z.enum(['customer', 'admin']);
export type Role = z.infer<typeof roleSchema>;

/** Who sends a command that needs authority; the HTTP layer fills it from the verified token. */
export const actorSchema = z.object({
  userId: idSchema,
  roles: z.array(roleSchema),
});
export type Actor = z.infer<typeof actorSchema>;

export const isAdmin = (actor: Actor): boolean => actor.roles.includes('admin');
