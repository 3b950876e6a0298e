import { sql, type Kysely, type Transaction } from 'kysely';
import type { SandboxCard } from './sandbox-cards.js';
import type { IdempotencyRecord, SandboxAuthorization, SandboxLedger, SandboxLedgerTransaction } from './sandbox-ledger.js';

type Json<T> = T | string;
const parse = <T>(value: Json<T>): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);

/**
 * The sandbox's ledger in the database (migration 0022), for when the API and the workers run in
 * separate processes: the card an API process tokenized must be known to the worker that
 * authorizes it, and an idempotency key must hold across processes and restarts. Each unit of
 * work is one transaction that first takes a transaction-scoped advisory lock: units run one at a
 * time across every process, as the in-memory ledger runs them one at a time in one process.
 */
export function createSqlSandboxLedger(db: Kysely<unknown>): SandboxLedger {
  const transactionOn = (trx: Transaction<unknown>): SandboxLedgerTransaction => ({
    async findCard(token) {
      const { rows } = await sql<{ card: Json<SandboxCard> }>`SELECT card FROM sandbox_cards WHERE token = ${token}`.execute(trx);
      return rows[0] ? parse(rows[0].card) : undefined;
    },
    async saveCard(token, card) {
      await sql`INSERT INTO sandbox_cards (token, card) VALUES (${token}, ${JSON.stringify(card)}::jsonb)
        ON CONFLICT (token) DO UPDATE SET card = excluded.card`.execute(trx);
    },
    async findIdempotencyRecord(key) {
      const { rows } = await sql<{ record: Json<IdempotencyRecord> }>`SELECT record FROM sandbox_idempotency WHERE idempotency_key = ${key}`.execute(trx);
      return rows[0] ? parse(rows[0].record) : undefined;
    },
    async saveIdempotencyRecord(key, record) {
      await sql`INSERT INTO sandbox_idempotency (idempotency_key, record) VALUES (${key}, ${JSON.stringify(record)}::jsonb)
        ON CONFLICT (idempotency_key) DO UPDATE SET record = excluded.record`.execute(trx);
    },
    async findAuthorization(authorizationId) {
      const { rows } = await sql<{ record: Json<SandboxAuthorization> }>`
        SELECT record FROM sandbox_authorizations WHERE authorization_id = ${authorizationId}`.execute(trx);
      return rows[0] ? parse(rows[0].record) : undefined;
    },
    async saveAuthorization(authorization) {
      await sql`INSERT INTO sandbox_authorizations (authorization_id, order_id, record)
        VALUES (${authorization.authorizationId}, ${authorization.orderId}, ${JSON.stringify(authorization)}::jsonb)
        ON CONFLICT (authorization_id) DO UPDATE SET record = excluded.record`.execute(trx);
    },
    async authorizationsForOrder(orderId) {
      const { rows } = await sql<{ record: Json<SandboxAuthorization> }>`
        SELECT record FROM sandbox_authorizations WHERE order_id = ${orderId} ORDER BY authorization_id`.execute(trx);
      return rows.map((row) => parse(row.record));
    },
  });

  return {
    atomically: (work) =>
      db.transaction().execute(async (trx) => {
        await sql`SELECT pg_advisory_xact_lock(hashtextextended('sandbox-ledger/' || current_schema(), 0))`.execute(trx);
        return work(transactionOn(trx));
      }),
  };
}
