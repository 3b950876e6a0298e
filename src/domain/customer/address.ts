import { z } from 'zod';

/** What a customer may enter as an address: trimmed, bounded, country as ISO 3166-1 alpha-2. */
export const addressInputSchema = z.object({
  name: z.string().trim().min(1).max(200),
  line1: z.string().trim().min(1).max(200),
  line2: z.string().trim().min(1).max(200).optional(),
  city: z.string().trim().min(1).max(100),
  postalCode: z.string().trim().min(1).max(20),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code such as DE'),
});

/**
 * What an event recorded: the shape only. Rules for new input may tighten later, but a recorded
 * fact must always decode, so events are not re-validated against today's input rules.
 */
export const recordedAddressSchema = z.object({
  name: z.string(),
  line1: z.string(),
  line2: z.string().optional(),
  city: z.string(),
  postalCode: z.string(),
  country: z.string(),
});
export type Address = z.infer<typeof recordedAddressSchema>;

export function sameAddress(a: Address, b: Address): boolean {
  return (
    a.name === b.name &&
    a.line1 === b.line1 &&
    (a.line2 ?? '') === (b.line2 ?? '') &&
    a.city === b.city &&
    a.postalCode === b.postalCode &&
    a.country === b.country
  );
}
