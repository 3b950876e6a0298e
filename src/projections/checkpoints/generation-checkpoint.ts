import { sql } from 'kysely';
import type { Position } from '../../eventstore/types.js';
import type { ProjectionDb, ProjectionTrx } from '../runner/sql-projection.js';

/** `{0, 0}` is "before the first event": a generation's checkpoint row exists from its creation. */
export const beforeFirstEvent: Position = { commit: 0n, prepare: 0n };

/** The checkpoint moved under us: another runner wrote this generation, so ours must stand down. */
export class CheckpointMovedError extends Error {
  override readonly name = 'CheckpointMovedError';
  constructor(readonly checkpoint: string) {
    super(`checkpoint ${checkpoint} was moved by another runner`);
  }
}

export async function initCheckpoint(db: ProjectionDb | ProjectionTrx, name: string): Promise<void> {
  await sql`
    INSERT INTO subscription_checkpoints (name, commit_position, prepare_position)
    VALUES (${name}, '0'::xid8, 0) ON CONFLICT (name) DO NOTHING`.execute(db);
}

export async function loadCheckpoint(db: ProjectionDb | ProjectionTrx, name: string): Promise<Position | undefined> {
  const result = await sql<{ commit_position: string; prepare_position: string }>`
    SELECT commit_position::text AS commit_position, prepare_position::text AS prepare_position
    FROM subscription_checkpoints WHERE name = ${name}`.execute(db);
  const row = result.rows[0];
  return row ? { commit: BigInt(row.commit_position), prepare: BigInt(row.prepare_position) } : undefined;
}

/**
 * Compare-and-set inside the page's transaction: moves the checkpoint from `from` to `to` or throws.
 * The lock already keeps a second runner away; this is the fence for when it cannot (a lock lost to
 * a dead connection while a page was in flight). The row lock makes the later of two racing pages
 * wait for the first and then find the checkpoint moved, so a page is never applied twice.
 */
export async function advanceCheckpoint(trx: ProjectionTrx, name: string, from: Position, to: Position): Promise<void> {
  const result = await sql`
    UPDATE subscription_checkpoints
    SET commit_position = ${to.commit.toString()}::xid8, prepare_position = ${to.prepare.toString()}, updated_at = now()
    WHERE name = ${name} AND commit_position = ${from.commit.toString()}::xid8 AND prepare_position = ${from.prepare.toString()}`.execute(trx);
  if (result.numAffectedRows !== 1n) throw new CheckpointMovedError(name);
}

export async function deleteCheckpoint(db: ProjectionDb | ProjectionTrx, name: string): Promise<void> {
  await sql`DELETE FROM subscription_checkpoints WHERE name = ${name}`.execute(db);
}
