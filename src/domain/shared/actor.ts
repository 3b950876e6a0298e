import { z } from 'zod';
import { idSchema } from './ids.js';

/** The one set of roles in the shop, whichever aggregate checks them. */
export const roleSchema = z.enum(['customer', 'seller', 'admin']);
export type Role = z.infer<typeof roleSchema>;

/**
 * Who sends a command that needs authority; the HTTP layer fills it from the verified token, and
 * `decide` checks it against the stream (ownership, roles).
 */
export const actorSchema = z.object({
  userId: idSchema,
  roles: z.array(roleSchema),
});
export type Actor = z.infer<typeof actorSchema>;

export const isAdmin = (actor: Actor): boolean => actor.roles.includes('admin');
