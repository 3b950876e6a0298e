/**
 * Instants are compared as instants, not as strings: '2025-01-01T01:00:00+01:00' and
 * '2025-01-01T00:00:00Z' are the same moment. Parsing a given string is pure; only reading a clock is not.
 */
export const instant = (iso: string): number => Date.parse(iso);

export type ValidityVerdict = 'valid' | 'not_yet_valid' | 'expired';

/** The window is half-open: `validFrom` inclusive, `validUntil` exclusive. */
export function validityAt(window: { readonly validFrom: string; readonly validUntil: string }, at: string): ValidityVerdict {
  const time = instant(at);
  if (time < instant(window.validFrom)) return 'not_yet_valid';
  if (time >= instant(window.validUntil)) return 'expired';
  return 'valid';
}
