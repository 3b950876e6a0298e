import { z } from 'zod';

/** A count of items (on a line, in a reservation): a positive safe integer. */
export const quantitySchema = z.number().int().safe().positive();
