import type { Kysely, Transaction } from 'kysely';
import type { ReadAllFilter, RecordedEvent } from '../../eventstore/types.js';

export type ProjectionDb = Kysely<unknown>;
export type ProjectionTrx = Transaction<unknown>;

/**
 * Physical name of one of the projection's logical tables in the generation being written
 * (`catalog_products` → `catalog_products__g3`). Readers never use it: they read the view
 * named like the logical table, which points at the live generation.
 */
export type TableNamer = (logicalTable: string) => string;

/**
 * A read model in the SQL database (Postgres or PGlite).
 *
 * Blue/green by generations: each build of a projection writes its own copies of its tables
 * (`<table>__g<n>`), created by `createTables`; a view `<table>` points at the live generation.
 * A rebuild fills a new generation from position 0 beside the live one and, once it has caught up,
 * the runner re-points the views in one transaction: reads never stop and never see a half-built model.
 *
 * `apply` gets a page of events and the transaction in which the runner also moves the
 * generation's checkpoint: the read model and its checkpoint change together or not at all, so
 * every event takes effect exactly once, whatever crashes.
 */
export interface SqlProjection {
  readonly name: string;
  /** Bump when `apply` or the tables change meaning: the new version is built beside the old one. */
  readonly version: number;
  readonly filter: ReadAllFilter;
  /** Logical table names (lower-case, snake_case): each becomes a view over the live generation. */
  readonly tables: readonly string[];
  createTables(db: ProjectionDb | ProjectionTrx, t: TableNamer): Promise<void>;
  apply(trx: ProjectionTrx, events: readonly RecordedEvent[], t: TableNamer): Promise<void>;
}

export const generationTableName = (logicalTable: string, generation: number) => `${logicalTable}__g${generation}`;
