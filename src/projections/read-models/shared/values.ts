/** Postgres `bigint` arrives as a string from `pg` and as a number from PGlite: readers normalise here. */
export const toNumber = (value: number | string | bigint): number => Number(value);

/** `timestamptz` arrives as a Date from both drivers; read models answer with ISO 8601 strings. */
export const toIso = (value: Date | string): string => (value instanceof Date ? value : new Date(value)).toISOString();

/** The UTC calendar day of an instant, `YYYY-MM-DD`: the day sales are booked on. */
export const utcDay = (instant: string): string => new Date(instant).toISOString().slice(0, 10);

/** Epoch milliseconds of an ISO instant, for comparing instants written with different offsets. */
export const epochMs = (instant: string): number => Date.parse(instant);

/** An average rating rounded to two decimals; null when nothing was rated. */
export const averageOf = (sum: number, count: number): number | null => (count === 0 ? null : Math.round((sum / count) * 100) / 100);
