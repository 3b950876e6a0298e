/*
 * Keyset pagination: a cursor is the sort key of the last item returned, so that a page never
 * skips or repeats rows when others are inserted meanwhile (OFFSET would). Opaque to clients.
 */

export type CursorValue = string | number;

export interface Page<Item> {
  readonly items: readonly Item[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  readonly nextCursor: string | null;
}

/** A cursor that was not made by `encodeCursor` for this listing: the HTTP layer answers 400. */
export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
  constructor() {
    super('invalid pagination cursor');
  }
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export const pageSize = (limit: number | undefined): number =>
  Math.min(MAX_PAGE_SIZE, Math.max(1, Math.trunc(limit ?? DEFAULT_PAGE_SIZE)));

export const encodeCursor = (values: readonly CursorValue[]): string => Buffer.from(JSON.stringify(values)).toString('base64url');

export function decodeCursor(cursor: string, kinds: readonly ('string' | 'number')[]): CursorValue[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  const valid =
    Array.isArray(values) && values.length === kinds.length && values.every((value, i) => typeof value === kinds[i]);
  if (!valid) throw new InvalidCursorError();
  return values as CursorValue[];
}

/** Fetch `size + 1` rows; the extra one only says whether there is a next page. */
export function toPage<Row, Item>(rows: readonly Row[], size: number, item: (row: Row) => Item, key: (row: Row) => readonly CursorValue[]): Page<Item> {
  const visible = rows.slice(0, size);
  const last = visible.at(-1);
  return {
    items: visible.map(item),
    nextCursor: rows.length > size && last !== undefined ? encodeCursor(key(last)) : null,
  };
}
