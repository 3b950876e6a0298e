import type { Migration } from 'kysely/migration';
import * as eventStore from './0001-event-store.js';

/** Every migration, in order. Names sort; never rename one that has shipped. */
export const migrations: Record<string, Migration> = {
  '0001-event-store': eventStore,
};
