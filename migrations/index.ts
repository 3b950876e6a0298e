import type { Migration } from 'kysely/migration';
import * as eventStore from './0001-event-store.js';
import * as checkpoints from './0002-checkpoints.js';
import * as projectionGenerations from './0003-projection-generations.js';

/** Every migration, in order. Names sort; never rename one that has shipped. */
export const migrations: Record<string, Migration> = {
  '0001-event-store': eventStore,
  '0002-checkpoints': checkpoints,
  '0003-projection-generations': projectionGenerations,
};
