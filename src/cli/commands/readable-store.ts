import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import { customerPiiFields } from '../../domain/customer/index.js';
import { createSqlCustomerKeyStore, resolvePiiMasterKey, withPiiEncryption } from '../../eventstore/pii/index.js';
import type { EventStore } from '../../eventstore/types.js';
import { withUpcasting } from '../../eventstore/upcasting/index.js';
import { eventUpcasters } from '../../history/event-upcasters.js';

/**
 * The store as the application reads it (src/system.ts): customer PII opened with its key (erased
 * fields read as null), every event in its current schema. For `state` and `history`, which show
 * what the aggregate sees; exports and replay use the raw store instead.
 */
export function readableStore(store: EventStore, db: Kysely<unknown>, config: Config, logger: Logger): EventStore {
  const masterKey = resolvePiiMasterKey({ value: config.PII_MASTER_KEY, nodeEnv: config.NODE_ENV, warn: (message) => logger.warn(message) });
  const keys = createSqlCustomerKeyStore(db, { masterKey });
  return withUpcasting(withPiiEncryption(store, { keys, piiFields: customerPiiFields }), eventUpcasters);
}
