import { z } from 'zod';

/*
 * Time as the domain sees it: ISO 8601 strings carried by commands and events. Parsing a given
 * instant is pure; only reading the clock is not, and the domain never does.
 */

/** An ISO 8601 instant with an offset; the domain never reads the clock, commands bring the time. */
export const instantSchema = z.iso.datetime({ offset: true });

export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The instant as epoch milliseconds. Times are compared as instants, not as strings:
 * '…T10:00:00+02:00' is before '…T09:00:00Z'. An unparsable time is NaN, which compares false
 * with everything, so a check written as `!(a > b)` refuses rather than grants.
 */
export const instant = (iso: string): number => Date.parse(iso);

export const addDays = (iso: string, days: number): string => new Date(instant(iso) + days * DAY_MS).toISOString();

/** True when `iso` is strictly later than `reference`. */
export const isAfter = (iso: string, reference: string): boolean => instant(iso) > instant(reference);

/** The later of two instants (the first when they are the same moment), so that an out-of-order `at` never moves time backwards. */
export const latest = (a: string, b: string): string => (instant(b) > instant(a) ? b : a);
