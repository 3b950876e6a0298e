import { sql } from 'kysely';
import type { Logger } from 'pino';
import { comparePositions } from '../../eventstore/position.js';
import type { EventStore, Position } from '../../eventstore/types.js';
import { checkpointNameFor, ensureLiveGeneration, namerFor } from './generations.js';
import type { ProjectionDb, SqlProjection, TableNamer } from './sql-projection.js';

export interface RunSqlProjectionOptions {
  readonly store: EventStore;
  readonly db: ProjectionDb;
  readonly batchSize?: number;
  readonly pollIntervalMs?: number;
  readonly maxAttempts?: number;
  readonly logger?: Logger;
}

export interface ProjectionStatus {
  readonly name: string;
  readonly checkpoint: Position | undefined;
  readonly state: 'running' | 'stopped' | 'failed';
  readonly lastError: string | undefined;
}

export interface RunningProjection {
  readonly done: Promise<void>;
  status(): ProjectionStatus;
  /** Resolves once the projection has applied everything up to `position` (or the time runs out: false). */
  waitFor(position: Position, timeoutMs: number): Promise<boolean>;
  stop(): Promise<void>;
}

/**
 * Follows the global log in pages; each page is applied in one transaction together with the
 * checkpoint. A failing page is retried with backoff and then stops the projection with its error
 * in `status()`: an event is never skipped.
 */
export function runSqlProjection(projection: SqlProjection, options: RunSqlProjectionOptions): RunningProjection {
  let name = `projection:${projection.name}`;
  let t: TableNamer = namerFor(0);
  const batchSize = options.batchSize ?? 500;
  const pollIntervalMs = options.pollIntervalMs ?? 50;
  const maxAttempts = options.maxAttempts ?? 5;
  let checkpoint: Position | undefined;
  let state: ProjectionStatus['state'] = 'running';
  let lastError: string | undefined;
  let stopping = false;
  let wake: (() => void) | undefined;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => resolve(), ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  async function loadCheckpoint(): Promise<Position | undefined> {
    const result = await sql<{ commit_position: string; prepare_position: string }>`
      SELECT commit_position::text AS commit_position, prepare_position::text AS prepare_position
      FROM subscription_checkpoints WHERE name = ${name}`.execute(options.db);
    const row = result.rows[0];
    return row ? { commit: BigInt(row.commit_position), prepare: BigInt(row.prepare_position) } : undefined;
  }

  async function applyPage(): Promise<number> {
    const events = await options.store.readAll({ ...(checkpoint ? { after: checkpoint } : {}), filter: projection.filter, maxCount: batchSize });
    if (events.length === 0) return 0;
    const last = events.at(-1)!.position;
    await options.db.transaction().execute(async (trx) => {
      await projection.apply(trx, events, t);
      await sql`
        INSERT INTO subscription_checkpoints (name, commit_position, prepare_position)
        VALUES (${name}, ${last.commit.toString()}::xid8, ${last.prepare.toString()})
        ON CONFLICT (name) DO UPDATE SET commit_position = excluded.commit_position,
          prepare_position = excluded.prepare_position, updated_at = now()`.execute(trx);
    });
    checkpoint = last;
    return events.length;
  }

  async function run(): Promise<void> {
    const live = await ensureLiveGeneration(options.db, projection);
    name = checkpointNameFor(projection, live.generation);
    t = namerFor(live.generation);
    checkpoint = await loadCheckpoint();
    let attempt = 0;
    while (!stopping) {
      try {
        const applied = await applyPage();
        attempt = 0;
        lastError = undefined;
        if (applied < batchSize) await sleep(pollIntervalMs);
      } catch (error) {
        attempt++;
        lastError = error instanceof Error ? error.message : String(error);
        options.logger?.warn({ err: error, projection: name, attempt }, 'projection page failed');
        if (attempt >= maxAttempts) {
          state = 'failed';
          throw error;
        }
        await sleep(Math.min(5_000, 100 * 2 ** attempt));
      }
    }
    state = 'stopped';
  }

  const done = run();
  done.catch(() => undefined);

  return {
    done,
    status: () => ({ name, checkpoint, state, lastError }),
    async waitFor(position, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (checkpoint && comparePositions(checkpoint, position) >= 0) return true;
        if (state === 'failed') return false;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return false;
    },
    async stop() {
      stopping = true;
      wake?.();
      await done.catch(() => undefined);
    },
  };
}
