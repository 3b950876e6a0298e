import os from 'node:os';
import { sql } from 'kysely';
import type { ProjectionDb } from './sql-projection.js';
import type { ProjectionState } from './projection-status.js';

export interface StoredStatus {
  readonly name: string;
  readonly state: ProjectionState;
  readonly lastError: string | null;
  readonly lastErrorAt: Date | null;
  readonly owner: string;
  readonly updatedAt: Date;
}

/** Which process wrote a status: enough for an operator to find it. */
export const processOwner = `${os.hostname()}:${process.pid}`;

/** Written by the runner holding the lock, on each change of state or error; never on the hot path. */
export async function recordStatus(db: ProjectionDb, name: string, state: ProjectionState, lastError: string | undefined): Promise<void> {
  await sql`
    INSERT INTO projection_status AS s (name, state, last_error, last_error_at, owner, updated_at)
    VALUES (${name}, ${state}, ${lastError ?? null}, ${lastError === undefined ? null : sql`now()`}, ${processOwner}, now())
    ON CONFLICT (name) DO UPDATE SET
      state = excluded.state,
      last_error = excluded.last_error,
      -- Keep when the error first showed, while retries repeat it.
      last_error_at = CASE WHEN excluded.last_error IS NULL THEN NULL
                           WHEN s.last_error IS NOT DISTINCT FROM excluded.last_error THEN s.last_error_at
                           ELSE excluded.last_error_at END,
      owner = excluded.owner,
      updated_at = excluded.updated_at`.execute(db);
}

export async function readStatus(db: ProjectionDb, name: string): Promise<StoredStatus | undefined> {
  const result = await sql<{ name: string; state: ProjectionState; last_error: string | null; last_error_at: Date | null; owner: string; updated_at: Date }>`
    SELECT name, state, last_error, last_error_at, owner, updated_at FROM projection_status WHERE name = ${name}`.execute(db);
  const row = result.rows[0];
  return row
    ? { name: row.name, state: row.state, lastError: row.last_error, lastErrorAt: row.last_error_at, owner: row.owner, updatedAt: row.updated_at }
    : undefined;
}
