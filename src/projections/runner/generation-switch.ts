import { sql } from 'kysely';
import { comparePositions } from '../../eventstore/position.js';
import type { Position } from '../../eventstore/types.js';
import { loadCheckpoint } from '../checkpoints/generation-checkpoint.js';
import { checkpointNameFor, GenerationChangedError, lockGenerations, pointViewsAt, type Generation } from './generations.js';
import { sleep } from './sleep.js';
import type { ProjectionDb, ProjectionTrx, SqlProjection } from './sql-projection.js';

export type SwitchOutcome = { readonly switched: true; readonly previous: number | undefined } | { readonly switched: false };

/** How long the switch waits for readers to let go of the views before it backs off and tries again. */
const viewLockTimeout = '200ms';
const maxBusyAttempts = 150;
const LOCK_NOT_AVAILABLE = '55P03';
const DEADLOCK = '40P01';

/**
 * Makes the building `generation` live in one transaction: views re-pointed, the old live one
 * retired. Readers see the old model or the new one, never a mix.
 *
 * `seenThrough` is how far the new generation has read the log. The switch only happens if that is
 * at least the live generation's checkpoint, so readers never step back in time (a read that waited
 * for a position on the old generation still finds it on the new one); otherwise it returns
 * `switched: false` and the caller catches up further. Locking the generation rows first makes the
 * live runner's in-flight page commit before the checkpoint is compared, and its next page find its
 * generation retired.
 */
export async function switchToGeneration(
  db: ProjectionDb,
  projection: SqlProjection,
  generation: number,
  seenThrough: Position | undefined,
): Promise<SwitchOutcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute((trx) => switchIn(trx, projection, generation, seenThrough));
    } catch (error) {
      if (!isLockContention(error) || attempt >= maxBusyAttempts) throw error;
      // Readers hold the views: let them finish, then try again (jitter so we do not meet them in step).
      await sleep(10 + Math.random() * 40);
    }
  }
}

async function switchIn(trx: ProjectionTrx, projection: SqlProjection, generation: number, seenThrough: Position | undefined): Promise<SwitchOutcome> {
  await sql`SET LOCAL lock_timeout = '10s'`.execute(trx);
  await lockGenerations(trx, projection.name);
  const rows = await sql<Generation>`
    SELECT generation, version, state, tables FROM projection_generations
    WHERE name = ${projection.name} AND state IN ('live', 'building') ORDER BY generation FOR UPDATE`.execute(trx);
  if (!rows.rows.some((g) => g.generation === generation && g.state === 'building')) {
    throw new GenerationChangedError(projection.name, generation, 'building');
  }
  const live = rows.rows.find((g) => g.state === 'live');
  if (live) {
    const liveCheckpoint = await loadCheckpoint(trx, checkpointNameFor(projection, live.generation));
    if (liveCheckpoint && (!seenThrough || comparePositions(liveCheckpoint, seenThrough) > 0)) return { switched: false };
  }
  const views = [...new Set([...projection.tables, ...(live?.tables ?? [])])].sort();
  await lockViews(trx, views);
  if (live) {
    await sql`
      UPDATE projection_generations SET state = 'retired', switched_at = now()
      WHERE name = ${projection.name} AND generation = ${live.generation}`.execute(trx);
    // A table the new version no longer has must not keep a view onto tables about to be dropped.
    for (const table of views) {
      if (!projection.tables.includes(table)) await sql`DROP VIEW IF EXISTS ${sql.id(table)}`.execute(trx);
    }
  }
  await pointViewsAt(trx, projection, generation);
  await sql`
    UPDATE projection_generations SET state = 'live', switched_at = now()
    WHERE name = ${projection.name} AND generation = ${generation}`.execute(trx);
  return { switched: true, previous: live?.generation };
}

/**
 * All views at once, before any is dropped, and with a short timeout: a reader holding one view
 * while waiting for another would otherwise deadlock with a switch that dropped the first, and
 * Postgres would cancel one of the two, possibly the reader. Timing out first, the switch is the
 * one that gives way, and tries again.
 */
async function lockViews(trx: ProjectionTrx, views: readonly string[]): Promise<void> {
  const existing: string[] = [];
  for (const view of views) {
    const found = await sql<{ kind: string | null }>`SELECT relkind::text AS kind FROM pg_class WHERE oid = to_regclass(${view})`.execute(trx);
    if (found.rows[0]?.kind === 'v') existing.push(view);
  }
  if (existing.length === 0) return;
  await sql`SET LOCAL lock_timeout = ${sql.lit(viewLockTimeout)}`.execute(trx);
  await sql`LOCK TABLE ${sql.join(existing.map((v) => sql.id(v)))} IN ACCESS EXCLUSIVE MODE`.execute(trx);
}

function isLockContention(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return code === LOCK_NOT_AVAILABLE || code === DEADLOCK;
}
