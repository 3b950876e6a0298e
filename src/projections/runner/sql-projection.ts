import type { Kysely, Transaction } from 'kysely';
import type { ReadAllFilter, RecordedEvent } from '../../eventstore/types.js';

/**
 * A read model in the SQL database. `apply` gets a batch of events and the transaction in which
 * the runner also moves the checkpoint: the read model and its checkpoint change together or not
 * at all, so every event takes effect exactly once, whatever crashes.
 */
export interface SqlProjection {
  readonly name: string;
  /** Bumped when `apply` changes meaning: a new version is rebuilt from the start beside the old one. */
  readonly version: number;
  readonly filter: ReadAllFilter;
  apply(trx: Transaction<unknown>, events: readonly RecordedEvent[]): Promise<void>;
}

export const checkpointNameOf = (projection: Pick<SqlProjection, 'name' | 'version'>) => `projection:${projection.name}:v${projection.version}`;

export type ProjectionDb = Kysely<unknown>;
