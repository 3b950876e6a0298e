import { sql } from 'kysely';
import { deleteCheckpoint } from '../checkpoints/generation-checkpoint.js';
import { checkpointNameFor, lockGenerations, type Generation } from './generations.js';
import { generationTableName, type ProjectionDb, type SqlProjection } from './sql-projection.js';

/**
 * Drops the tables of generations nobody reads any more: retired ones (after a switch) and, when
 * asked, an unfinished build of another version. Rows stay as history with `dropped_at` set. Safe
 * to repeat: the runner calls it at start in case a drop was interrupted.
 */
export async function dropUnusedGenerations(
  db: ProjectionDb,
  projection: SqlProjection,
  options: { discardBuildingOtherThanVersion?: number } = {},
): Promise<number[]> {
  const discard = options.discardBuildingOtherThanVersion ?? null;
  const candidates = await sql<Generation>`
    SELECT generation, version, state, tables FROM projection_generations
    WHERE name = ${projection.name} AND dropped_at IS NULL
      AND (state = 'retired' OR (state = 'building' AND ${discard}::integer IS NOT NULL AND version <> ${discard}::integer))
    ORDER BY generation`.execute(db);
  for (const candidate of candidates.rows) {
    // One table per transaction: waiting for a reader of one while holding another could deadlock.
    for (const table of candidate.tables ?? projection.tables) {
      await db.transaction().execute(async (trx) => {
        await sql`SET LOCAL lock_timeout = '30s'`.execute(trx);
        await sql`DROP TABLE IF EXISTS ${sql.id(generationTableName(table, candidate.generation))}`.execute(trx);
      });
    }
    await db.transaction().execute(async (trx) => {
      await lockGenerations(trx, projection.name);
      await deleteCheckpoint(trx, checkpointNameFor(projection, candidate.generation));
      await sql`
        UPDATE projection_generations SET state = 'retired', dropped_at = now()
        WHERE name = ${projection.name} AND generation = ${candidate.generation}`.execute(trx);
    });
  }
  return candidates.rows.map((c) => c.generation);
}
