/*
 * Time arithmetic on ISO strings carried by commands and events. Parsing a given instant is pure;
 * only reading the clock is not. A candidate for src/domain/shared.
 */

export const DAY_MS = 24 * 60 * 60 * 1000;

export const millisBetween = (from: string, to: string): number => Date.parse(to) - Date.parse(from);

export const addDays = (instant: string, days: number): string => new Date(Date.parse(instant) + days * DAY_MS).toISOString();

/** The later of two instants, so that an out-of-order `at` never moves activity backwards. */
export const latest = (a: string, b: string): string => (Date.parse(b) > Date.parse(a) ? b : a);
