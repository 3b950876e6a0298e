/*
 * Time arithmetic on ISO strings carried by commands and events. Parsing a given instant is pure;
 * only reading the clock is not. A candidate for src/domain/shared (cart holds the same).
 */

export const DAY_MS = 24 * 60 * 60 * 1000;

export const addDays = (instant: string, days: number): string => new Date(Date.parse(instant) + days * DAY_MS).toISOString();

export const isAfter = (instant: string, reference: string): boolean => Date.parse(instant) > Date.parse(reference);
