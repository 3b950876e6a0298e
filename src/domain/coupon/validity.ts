import { instant } from '../shared/index.js';

export type ValidityVerdict = 'valid' | 'not_yet_valid' | 'expired';

/** The window is half-open: `validFrom` inclusive, `validUntil` exclusive; times compare as instants, not as strings. */
export function validityAt(window: { readonly validFrom: string; readonly validUntil: string }, at: string): ValidityVerdict {
  const time = instant(at);
  if (time < instant(window.validFrom)) return 'not_yet_valid';
  if (time >= instant(window.validUntil)) return 'expired';
  return 'valid';
}
