import { sql, type Kysely } from 'kysely';
import type { Position } from '../../eventstore/types.js';
import { loadCheckpoint } from './generation-checkpoint.js';

/** A subscriber's place in the global log, kept by name. */
export interface CheckpointStore {
  load(name: string): Promise<Position | undefined>;
  store(name: string, position: Position): Promise<void>;
}

/** Checkpoints in `subscription_checkpoints` (Postgres or PGlite), moved forward only. */
export function createSqlCheckpointStore(db: Kysely<unknown>): CheckpointStore {
  return {
    load: (name) => loadCheckpoint(db, name),
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
