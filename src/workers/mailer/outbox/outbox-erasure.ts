import { sql, type Kysely } from 'kysely';
import type { ProcessManager } from '../../../commands/process-managers/process-manager-runner.js';
import type { RecordedEvent } from '../../../eventstore/types.js';

/**
 * Erasure reaches the outbox: its rows hold a customer's email address in clear, outside the event
 * log's crypto-shredding, so when a customer is erased their messages are deleted. Idempotent: a
 * re-delivered event deletes nothing more.
 */
export function createOutboxErasure(db: Kysely<unknown>): ProcessManager {
  return {
    name: 'outbox-erasure',
    filter: { categories: ['customer'], eventTypes: ['CustomerErased'] },
    async handle(event: RecordedEvent) {
      const { customerId } = event.data as { customerId: string };
      await sql`DELETE FROM outbox WHERE customer_id = ${customerId}`.execute(db);
    },
  };
}
