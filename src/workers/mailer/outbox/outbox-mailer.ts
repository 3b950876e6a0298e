import { sql, type Kysely } from 'kysely';
import type { Mailer } from '../mailer.js';

/**
 * Writes messages to the `outbox` table instead of sending them: the embedded default, and what a
 * development setup reads to see what would have gone out. One row per message id, so a job that
 * runs twice writes once.
 */
export function createOutboxMailer(db: Kysely<unknown>): Mailer {
  return {
    kind: 'outbox',
    async send(message) {
      await sql`
        INSERT INTO outbox (id, kind, recipient, customer_id, subject, body)
        VALUES (${message.id}, ${message.kind}, ${message.to}, ${message.customerId ?? null}, ${message.subject}, ${message.text})
        ON CONFLICT (id) DO NOTHING`.execute(db);
    },
    async close() {},
  };
}
