import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

/**
 * Extensions every embedded database of ours loads. PGlite links an extension's code only when the
 * instance is created, so the search projection's `CREATE EXTENSION pg_trgm` works only if the
 * instance was created with it.
 */
export const pgliteExtensions = { pg_trgm } as const;
