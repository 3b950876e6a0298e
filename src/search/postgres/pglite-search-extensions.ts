import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { pgliteExtensions } from '../../db/pglite-extensions.js';

/**
 * PGlite loads an extension's code only when the instance is created: pass these to
 * `PGlite.create(dataDir, { extensions: searchPGliteExtensions })` for every instance that holds the
 * search projection. `CREATE EXTENSION` (done by the projection's createTables) then works.
 */
export const searchPGliteExtensions = pgliteExtensions;

/** A PGlite instance ready for the search projection (in memory when `dataDir` is omitted). */
export async function createSearchReadyPGlite(dataDir?: string, options: Omit<PGliteOptions, 'extensions' | 'dataDir'> = {}): Promise<PGlite> {
  return PGlite.create({ ...options, ...(dataDir !== undefined ? { dataDir } : {}), extensions: searchPGliteExtensions });
}
