import { sql } from 'kysely';
import { initCheckpoint } from '../checkpoints/generation-checkpoint.js';
import { generationTableName, type ProjectionDb, type ProjectionTrx, type SqlProjection, type TableNamer } from './sql-projection.js';

export type GenerationState = 'building' | 'live' | 'retired';

export interface Generation {
  readonly generation: number;
  readonly version: number;
  readonly state: GenerationState;
  /** Logical tables this generation was built with (null for generations made before they were recorded). */
  readonly tables?: readonly string[] | null;
}

/** The generation a runner writes is no longer in the state it expected (switched, retired, discarded). */
export class GenerationChangedError extends Error {
  override readonly name = 'GenerationChangedError';
  constructor(readonly projection: string, readonly generation: number, readonly expected: GenerationState) {
    super(`generation ${generation} of ${projection} is no longer ${expected}`);
  }
}

export const checkpointNameFor = (projection: Pick<SqlProjection, 'name'>, generation: number) =>
  `projection:${projection.name}:g${generation}`;

export const namerFor = (generation: number): TableNamer => (table) => generationTableName(table, generation);

type Db = ProjectionDb | ProjectionTrx;

async function generationIn(db: Db, name: string, state: GenerationState): Promise<Generation | undefined> {
  const result = await sql<Generation>`
    SELECT generation, version, state, tables FROM projection_generations
    WHERE name = ${name} AND state = ${state} ORDER BY generation DESC LIMIT 1`.execute(db);
  return result.rows[0];
}

export const liveGeneration = (db: Db, name: string) => generationIn(db, name, 'live');
export const buildingGeneration = (db: Db, name: string) => generationIn(db, name, 'building');

/** Serialises generation bookkeeping of one projection across processes, for the transaction. */
export async function lockGenerations(trx: ProjectionTrx, name: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`projection-generations:${name}`}))`.execute(trx);
}

/** Creates the next generation's tables and its checkpoint row (at the start of the log). */
export async function createGeneration(trx: ProjectionTrx, projection: SqlProjection, state: 'building' | 'live'): Promise<Generation> {
  await lockGenerations(trx, projection.name);
  const next = await sql<{ generation: number }>`
    SELECT COALESCE(MAX(generation), 0) + 1 AS generation FROM projection_generations WHERE name = ${projection.name}`.execute(trx);
  const generation = next.rows[0]!.generation;
  await projection.createTables(trx, namerFor(generation));
  await initCheckpoint(trx, checkpointNameFor(projection, generation));
  await sql`
    INSERT INTO projection_generations (name, generation, version, state, tables, switched_at)
    VALUES (${projection.name}, ${generation}, ${projection.version}, ${state}, ${[...projection.tables]}::text[],
            ${state === 'live' ? sql`now()` : sql`NULL`})`.execute(trx);
  return { generation, version: projection.version, state, tables: projection.tables };
}

/**
 * The live generation, creating generation 1 (tables and views) on first start. It may be of
 * another version than the code's: the runner then rebuilds (see `rebuildProjection`).
 */
export async function ensureLiveGeneration(db: ProjectionDb, projection: SqlProjection): Promise<Generation> {
  const live = await liveGeneration(db, projection.name);
  if (live) return live;
  return db.transaction().execute(async (trx) => {
    // Two processes starting at once: the lock makes the second wait and then find the first's.
    await lockGenerations(trx, projection.name);
    const again = await liveGeneration(trx, projection.name);
    if (again) return again;
    const created = await createGeneration(trx, projection, 'live');
    await pointViewsAt(trx, projection, created.generation);
    return created;
  });
}

/** Re-points every logical table's view at `generation`; run inside the switching transaction. */
export async function pointViewsAt(db: Db, projection: SqlProjection, generation: number): Promise<void> {
  for (const table of projection.tables) {
    await sql`DROP VIEW IF EXISTS ${sql.id(table)}`.execute(db);
    await sql`CREATE VIEW ${sql.id(table)} AS SELECT * FROM ${sql.id(generationTableName(table, generation))}`.execute(db);
  }
}

/**
 * Inside a page's transaction: holds the generation row (FOR SHARE) in the expected state, so a
 * switch (FOR UPDATE) waits for the page to commit, and a page that starts after a switch finds
 * its generation changed before it touches a table.
 */
export async function assertGeneration(trx: ProjectionTrx, name: string, generation: number, state: GenerationState): Promise<void> {
  const result = await sql`
    SELECT 1 FROM projection_generations WHERE name = ${name} AND generation = ${generation} AND state = ${state}
    FOR SHARE`.execute(trx);
  if (result.rows.length !== 1) throw new GenerationChangedError(name, generation, state);
}
