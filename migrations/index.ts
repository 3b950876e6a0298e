import type { Migration } from 'kysely/migration';
import * as eventStore from './0001-event-store.js';
import * as checkpoints from './0002-checkpoints.js';
import * as projectionGenerations from './0003-projection-generations.js';
import * as projectionStatus from './0004-projection-status.js';
import * as generationTables from './0005-generation-tables.js';
import * as eventStatistics from './0006-event-statistics.js';
import * as customerKeys from './0010-customer-keys.js';
import * as jobJournal from './0020-job-journal.js';
import * as outbox from './0021-outbox.js';
import * as sandboxLedger from './0022-sandbox-ledger.js';
import * as outboxCustomer from './0023-outbox-customer.js';
import * as httpIdempotency from './0040-http-idempotency.js';

/** Every migration, in order. Names sort; never rename one that has shipped. */
export const migrations: Record<string, Migration> = {
  '0001-event-store': eventStore,
  '0002-checkpoints': checkpoints,
  '0003-projection-generations': projectionGenerations,
  '0004-projection-status': projectionStatus,
  '0005-generation-tables': generationTables,
  '0006-event-statistics': eventStatistics,
  '0010-customer-keys': customerKeys,
  '0020-job-journal': jobJournal,
  '0021-outbox': outbox,
  '0022-sandbox-ledger': sandboxLedger,
  '0023-outbox-customer': outboxCustomer,
  '0040-http-idempotency': httpIdempotency,
};
