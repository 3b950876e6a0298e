import { z } from 'zod';

/**
 * Emails are kept trimmed and lower-case. Strictly the local part is case-sensitive, but no provider
 * treats it so, and one spelling per address is what makes the email claim (a hash of this form,
 * computed by the command side with `normaliseEmail`) and log-in lookups agree.
 */
export function normaliseEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

/** Normalises, then validates; 254 is the longest address SMTP can carry. */
export const emailSchema = z.string().trim().toLowerCase().max(254).check(z.email());

/**
 * The id of an email's claim stream: a hex digest of `normaliseEmail(email)`, computed outside the
 * domain, preferably keyed (HMAC-SHA-256 with a server secret) so that it cannot be reversed by
 * hashing guessed addresses. Not PII itself: it stays after erasure, as the claim stream's name does.
 */
export const emailHashSchema = z.string().regex(/^[0-9a-f]{32,128}$/, 'expected a hex digest of the normalised email');

export function isValidEmail(normalised: string): boolean {
  return emailSchema.safeParse(normalised).success;
}
