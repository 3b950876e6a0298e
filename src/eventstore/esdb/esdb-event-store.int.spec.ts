import { describe, it } from 'vitest';
import { describeEventStoreContract } from '../contract/event-store.contract.js';
import { createEsdbEventStore } from './esdb-event-store.js';

const url = process.env.EVENTSTORE_URL;
const skipped = 'skipped: EVENTSTORE_URL is not set (docker compose up provides EventStoreDB)';

if (url) {
  describeEventStoreContract('esdb', () => createEsdbEventStore({ connectionString: url }));
} else {
  console.warn(`event store contract: esdb ${skipped}`);
  describe.skip(`event store contract: esdb (${skipped})`, () => {
    it('passes the event store contract on EventStoreDB (EVENTSTORE_URL=esdb://localhost:2113?tls=false)', () => undefined);
  });
}
