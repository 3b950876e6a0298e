import { z } from 'zod';

// The payment's own value schemas; the generic ones (ids, instants, card data, positive money) come from shared.

/** Chosen by the caller per intended effect (e.g. derived from the saga step); never reused for another. */
export const idempotencyKeySchema = z.string().min(1).max(255);

export const reasonSchema = z.string().trim().min(1).max(500);
