import { sql, type Kysely } from 'kysely';
import type { Position } from '../../eventstore/types.js';

/** A subscriber's place in the global log, kept by name. */
export interface CheckpointStore {
  load(name: string): Promise<Position | undefined>;
  store(name: string, position: Position): Promise<void>;
}

/** Checkpoints in `subscription_checkpoints` (Postgres or PGlite), moved forward only. */
export function createSqlCheckpointStore(db: Kysely<unknown>): CheckpointStore {
  return {
    async load(name) {
      const result = await sql<{ commit_position: string; prepare_position: string }>`
        SELECT commit_position::text AS commit_position, prepare_position::text AS prepare_position
        FROM subscription_checkpoints WHERE name = ${name}`.execute(db);
      const row = result.rows[0];
      return row ? { commit: BigInt(row.commit_position), prepare: BigInt(row.prepare_position) } : undefined;
    },
    async store(name, position) {
      // Never backwards: two runners racing (a takeover) must not undo each other's progress.
      await sql`
        INSERT INTO subscription_checkpoints AS c (name, commit_position, prepare_position)
        VALUES (${name}, ${position.commit.toString()}::xid8, ${position.prepare.toString()})
        ON CONFLICT (name) DO UPDATE SET commit_position = excluded.commit_position,
          prepare_position = excluded.prepare_position, updated_at = now()
        WHERE (c.commit_position, c.prepare_position) < (excluded.commit_position, excluded.prepare_position)`.execute(db);
    },
  };
}
