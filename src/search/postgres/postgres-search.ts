import { sql, type Kysely } from 'kysely';
import type { SearchPort, SearchQuery, SearchResult, Suggestion } from '../search-port.js';
import { normalizeQuery, type NormalizedQuery } from '../search-query.js';
import { FacetCache } from './facet-cache.js';
import { productSearchProjection } from './product-search-projection.js';
import { searchStatement, toFacets, toHit, totalOf, type PageRow } from './search-statement.js';
import { searchTables } from './search-tables.js';
import { findPgTrgm, type TrgmSql } from './trgm.js';
import { typoTolerantQuery } from './typo-query.js';

export interface PostgresSearchOptions {
  /** The database the `product-search` projection writes (Postgres or PGlite). */
  readonly db: Kysely<unknown>;
  /** Facet counts kept per query while the index is unchanged (see FacetCache); 0 turns it off. Default 1000. */
  readonly facetCacheSize?: number;
}

/** Search over the `product-search` projection's views: Postgres full-text with typo tolerance from pg_trgm. */
export function createPostgresSearch(options: PostgresSearchOptions): SearchPort {
  const { db } = options;
  const cacheSize = options.facetCacheSize ?? 1_000;
  const cache = cacheSize > 0 ? new FacetCache(cacheSize) : undefined;
  let trgm: TrgmSql | undefined;
  const trgmSql = async () => {
    trgm ??= await findPgTrgm(db);
    if (!trgm) throw new Error('pg_trgm is not installed: start the product-search projection first (its createTables creates it)');
    return trgm;
  };

  /**
   * The live generation and the newest source position of any document in it: the position moves
   * whenever a document changes, the generation when a rebuild switches the views.
   */
  async function indexVersion(): Promise<string> {
    const result = await sql<{ version: string }>`
      SELECT (SELECT generation FROM projection_generations WHERE name = ${productSearchProjection.name} AND state = 'live')::text
        || ':' || source_commit::text || '.' || source_prepare::text AS version
      FROM ${sql.id(searchTables.products)}
      ORDER BY source_commit DESC, source_prepare DESC LIMIT 1`.execute(db);
    return result.rows[0]?.version ?? '';
  }

  async function run(normalized: NormalizedQuery, tsquery: string | undefined, version: string): Promise<SearchResult> {
    const key = JSON.stringify([tsquery ?? null, normalized.filters, normalized.text.includes('"') ? normalized.text : null]);
    const cached = cache?.get(key, version);
    const result = await searchStatement(normalized, tsquery, { withFacets: !cached }).execute(db);
    const rows: readonly PageRow[] = result.rows;
    const facetRows = rows[0]?.facets ?? [];
    const counted = cached ?? { version, total: totalOf(facetRows), facets: toFacets(facetRows) };
    if (cache && !cached) cache.set(key, counted);
    return {
      hits: rows.flatMap((row) => (row.product_id === null ? [] : [toHit(row)])),
      total: counted.total,
      page: normalized.page,
      perPage: normalized.perPage,
      facets: counted.facets,
    };
  }

  return {
    async search(query: SearchQuery): Promise<SearchResult> {
      const normalized = normalizeQuery(query);
      const trgmOps = await trgmSql();
      // Two small reads, on two connections where the pool has them.
      const [tsquery, version] = await Promise.all([
        typoTolerantQuery(db, trgmOps, normalized.words, normalized.excluded),
        cache ? indexVersion() : Promise.resolve(''),
      ]);
      return run(normalized, tsquery, version);
    },

    /**
     * Titles whose words match the prefix as a search would (last word as a prefix, typos corrected
     * against the lexicon), restricted to the title (weight A); best sellers first.
     */
    async suggest(prefix: string, limit = 8): Promise<readonly Suggestion[]> {
      const { words } = normalizeQuery({ q: prefix });
      const tsquery = await typoTolerantQuery(db, await trgmSql(), words, [], 'A');
      if (tsquery === undefined) return [];
      const result = await sql<Suggestion>`
        SELECT p.product_id AS "productId", p.title
        FROM ${sql.id(searchTables.products)} AS p
        WHERE p.status = 'published' AND p.document @@ ${tsquery}::tsquery
        ORDER BY p.sold_units DESC, p.product_id
        LIMIT ${Math.min(50, Math.max(1, Math.trunc(limit)))}`.execute(db);
      return result.rows;
    },
  };
}
