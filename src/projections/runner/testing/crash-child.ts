/**
 * A runner in a process of its own, for the crash test: it applies pages until page
 * `HANG_ON_PAGE`, then, with that page's rows written but not committed, says so on stdout and
 * hangs, waiting to be killed. Env: SCHEMA, CATEGORY, PREFIX, BATCH_SIZE, HANG_ON_PAGE.
 */
import { createPostgresEventStore } from '../../../eventstore/postgres/postgres-event-store.js';
import { TEST_DATABASE_URL } from '../../../../test/support/postgres.js';
import { createPostgresProjectionLock } from '../postgres-projection-lock.js';
import { runSqlProjection } from '../run-sql-projection.js';
import { streamCountsProjection } from './stream-counts-projection.js';
import { withHook } from './fixtures.js';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const schema = env('SCHEMA');
const store = await createPostgresEventStore({ connectionString: TEST_DATABASE_URL, schema, migrate: false, pollIntervalMs: 10 });
const hangOn = Number(env('HANG_ON_PAGE'));
let pages = 0;
const projection = withHook(streamCountsProjection({ name: `counts-${env('CATEGORY')}`, prefix: env('PREFIX'), filter: { categories: [env('CATEGORY')] } }), async () => {
  if (++pages < hangOn) return;
  process.stdout.write(`HANGING ${pages}\n`);
  await new Promise(() => undefined);
});
runSqlProjection(projection, {
  store,
  db: store.db,
  batchSize: Number(env('BATCH_SIZE')),
  lock: createPostgresProjectionLock({ connectionString: TEST_DATABASE_URL, schema }),
});
