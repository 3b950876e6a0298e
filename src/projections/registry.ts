import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { EventStore } from '../eventstore/types.js';
import { productSearchProjection } from '../search/postgres/product-search-projection.js';
import { readModelProjections } from './read-models/index.js';
import { recommendationsProjection } from './recommendations/recommendations-projection.js';
import { reservationDeadlinesProjection } from './reservation-deadlines/reservation-deadlines-projection.js';
import type { ProjectionLock } from './runner/projection-lock.js';
import { runSqlProjection, type RunningProjection } from './runner/run-sql-projection.js';
import type { SqlProjection } from './runner/sql-projection.js';

/**
 * Every projection the system runs, rebuilds and reports on. Add yours here: the runner, the CLI
 * (`commerce projections status|rebuild`) and the projections benchmark all read this list.
 * Names and logical table names must be unique across it (registry.unit.spec.ts checks).
 */
export const sqlProjections: readonly SqlProjection[] = [
  reservationDeadlinesProjection,
  ...readModelProjections,
  productSearchProjection,
  recommendationsProjection,
];

export function findProjection(name: string, projections: readonly SqlProjection[] = sqlProjections): SqlProjection | undefined {
  return projections.find((p) => p.name === name);
}

export interface StartProjectionsOptions {
  /** Cross-process lock (Postgres); default in-process, which is enough for PGlite. */
  readonly lock?: ProjectionLock;
  readonly projections?: readonly SqlProjection[];
}

/** One runner per registered projection; each takes its lock, catches up and follows the log. */
export function startProjections(store: EventStore, db: Kysely<unknown>, logger: Logger, options: StartProjectionsOptions = {}): RunningProjection[] {
  return (options.projections ?? sqlProjections).map((projection) =>
    runSqlProjection(projection, { store, db, logger, ...(options.lock ? { lock: options.lock } : {}) }),
  );
}
