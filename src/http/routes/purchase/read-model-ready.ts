/** Postgres' "undefined_table": a read model whose tables its projection has not created yet. */
const UNDEFINED_TABLE = '42P01';

/**
 * A read-model query that answers `missing` while the read model does not exist yet: on a fresh
 * database each projection creates its tables when it first starts, in the background, so a
 * request that comes first must not fail with a 500. Callers then fall back to the streams.
 */
export async function unlessNotCreatedYet<T, M>(query: Promise<T>, missing: M): Promise<T | M> {
  try {
    return await query;
  } catch (error) {
    if ((error as { code?: unknown }).code === UNDEFINED_TABLE) return missing;
    throw error;
  }
}
