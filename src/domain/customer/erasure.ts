import type { z } from 'zod';

/**
 * The erasure marker. PII is stored encrypted with a per-customer key; erasing a customer destroys
 * that key instead of rewriting history. From then on the event store still returns every event, but
 * each PII field (see `customerPiiFields`) decodes to `ERASED`, i.e. `null`. Event schemas therefore
 * accept `null` for exactly those fields, and `evolve` keeps `null` in state, meaning "was here, erased".
 * `null` (not `undefined`) because it survives JSON and cannot be confused with an absent optional field.
 * The event schemas describe events as decoded (decrypted, or erased); the encrypted form at rest is
 * the command side's business and never reaches the domain.
 */
export const ERASED = null;
export type Erased = typeof ERASED;
export type Erasable<T> = T | Erased;

/** Marks a field of an event as PII: its recorded value may be `ERASED` once the key is destroyed. */
export const erasable = <Schema extends z.ZodType>(schema: Schema) => schema.nullable();

export const isErased = (value: unknown): value is Erased => value === ERASED;
