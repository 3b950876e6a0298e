import { sql, type RawBuilder } from 'kysely';
import type { ProjectionDb, ProjectionTrx } from '../../projections/runner/sql-projection.js';

/**
 * pg_trgm lives in one schema per database, and tests (and tenants) run with `search_path` set to a
 * schema of their own: every use is qualified with the extension's schema instead of relying on it.
 */
export interface TrgmSql {
  readonly schema: string;
  /** `<schema>.gin_trgm_ops`, for index definitions. */
  readonly ginOps: RawBuilder<unknown>;
  /** `a % b`: trigram similarity above `pg_trgm.similarity_threshold` (index-assisted). */
  similar(a: RawBuilder<unknown>, b: unknown): RawBuilder<boolean>;
  /** `a <% b`: `a` is word-similar to part of `b` (index-assisted on `b`). */
  wordSimilar(a: unknown, b: RawBuilder<unknown>): RawBuilder<boolean>;
  similarity(a: unknown, b: unknown): RawBuilder<number>;
  wordSimilarity(a: unknown, b: unknown): RawBuilder<number>;
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

export function trgmSql(schema: string): TrgmSql {
  const s = quoteIdent(schema);
  return {
    schema,
    ginOps: sql.raw(`${s}.gin_trgm_ops`),
    similar: (a, b) => sql<boolean>`${a} OPERATOR(${sql.raw(s)}.%) ${b}`,
    wordSimilar: (a, b) => sql<boolean>`${a} OPERATOR(${sql.raw(s)}.<%) ${b}`,
    similarity: (a, b) => sql<number>`${sql.raw(s)}.similarity(${a}, ${b})`,
    wordSimilarity: (a, b) => sql<number>`${sql.raw(s)}.word_similarity(${a}, ${b})`,
  };
}

/**
 * Creates pg_trgm if missing (in `public`, so that dropping a test's schema never takes it along) and
 * returns where it lives. Two processes creating it at once would collide on the catalog's unique
 * index: the transaction-scoped advisory lock serialises them. On PGlite the extension must also
 * have been loaded into the instance (see `searchPGliteExtensions`).
 */
export async function ensurePgTrgm(db: ProjectionDb | ProjectionTrx): Promise<TrgmSql> {
  const existing = await findPgTrgm(db);
  if (existing) return existing;
  const create = async (conn: ProjectionDb) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext('create-extension:pg_trgm'))`.execute(conn);
    await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public`.execute(conn);
  };
  // createTables runs inside the runner's transaction: reuse it rather than nest one.
  if (db.isTransaction) await create(db);
  else await db.transaction().execute(create);
  const created = await findPgTrgm(db);
  if (!created) throw new Error('pg_trgm could not be created');
  return created;
}

export async function findPgTrgm(db: ProjectionDb | ProjectionTrx): Promise<TrgmSql | undefined> {
  const result = await sql<{ schema: string }>`
    SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
    WHERE e.extname = 'pg_trgm'`.execute(db);
  const row = result.rows[0];
  return row ? trgmSql(row.schema) : undefined;
}
