import { sql } from 'kysely';
import { generationTableName, type ProjectionDb, type SqlProjection, type TableNamer } from './sql-projection.js';

export interface Generation {
  readonly generation: number;
  readonly version: number;
  readonly state: 'building' | 'live' | 'retired';
}

export const checkpointNameFor = (projection: Pick<SqlProjection, 'name'>, generation: number) =>
  `projection:${projection.name}:g${generation}`;

export const namerFor = (generation: number): TableNamer => (table) => generationTableName(table, generation);

export async function liveGeneration(db: ProjectionDb, name: string): Promise<Generation | undefined> {
  const result = await sql<Generation>`
    SELECT generation, version, state FROM projection_generations WHERE name = ${name} AND state = 'live'`.execute(db);
  return result.rows[0];
}

/**
 * The live generation of a projection at its current version, creating generation 1 (tables and
 * views) on first start. A version change is a rebuild: see `rebuildProjection`.
 */
export async function ensureLiveGeneration(db: ProjectionDb, projection: SqlProjection): Promise<Generation> {
  const live = await liveGeneration(db, projection.name);
  if (live) return live;
  return db.transaction().execute(async (trx) => {
    // Two processes starting at once: the unique index on the live row lets one win; the other re-reads.
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`projection-generations:${projection.name}`}))`.execute(trx);
    const again = await sql<Generation>`
      SELECT generation, version, state FROM projection_generations WHERE name = ${projection.name} AND state = 'live'`.execute(trx);
    if (again.rows[0]) return again.rows[0];
    const next = await sql<{ generation: number }>`
      SELECT COALESCE(MAX(generation), 0) + 1 AS generation FROM projection_generations WHERE name = ${projection.name}`.execute(trx);
    const generation = next.rows[0]!.generation;
    await projection.createTables(trx, namerFor(generation));
    await pointViewsAt(trx, projection, generation);
    await sql`
      INSERT INTO projection_generations (name, generation, version, state, switched_at)
      VALUES (${projection.name}, ${generation}, ${projection.version}, 'live', now())`.execute(trx);
    return { generation, version: projection.version, state: 'live' as const };
  });
}

/** Re-points every logical table's view at `generation`; run inside the switching transaction. */
export async function pointViewsAt(db: ProjectionDb, projection: SqlProjection, generation: number): Promise<void> {
  for (const table of projection.tables) {
    await sql`DROP VIEW IF EXISTS ${sql.id(table)}`.execute(db);
    await sql`CREATE VIEW ${sql.id(table)} AS SELECT * FROM ${sql.id(generationTableName(table, generation))}`.execute(db);
  }
}
