import { z } from 'zod';
import { problemSchema } from '../problems/problem.js';

/** Shapes shared by many routes, so the OpenAPI document names them once. */

export const moneySchema = z
  .strictObject({
    amount: z.number().int().describe('integer minor units (cents)'),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR'),
  })
  .describe('Money: an integer amount in minor units and its currency');

/** Path parameters naming one id: `idParam('cartId')` types `request.params.cartId`. */
export const idParam = <Name extends string>(name: Name) =>
  z.strictObject({ [name]: z.string().min(1).max(200) } as Record<Name, z.ZodString>);

export const cursorQuery = {
  cursor: z.string().max(2_000).optional().describe('Opaque cursor from the previous page'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
};

/** A command's answer: where it landed in the global log, for read-your-writes (`?position=`). */
export const positionField = z.string().nullable().describe('Global position of the append; pass it as ?position= to a read');

/** The error answers every route may give; attach with `...errorResponses(400, 404)`. */
export function errorResponses(...statuses: number[]): Record<number, typeof problemSchema> {
  return Object.fromEntries([400, 401, 403, 429, ...statuses].map((status) => [status, problemSchema]));
}
