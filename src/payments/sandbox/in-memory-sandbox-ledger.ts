import type { SandboxCard } from './sandbox-cards.js';
import type { IdempotencyRecord, SandboxAuthorization, SandboxLedger, SandboxLedgerTransaction } from './sandbox-ledger.js';

/** One table of a transaction: reads see the transaction's own writes, which reach `base` on commit. */
class StagedTable<Value> {
  private readonly staged = new Map<string, Value>();
  constructor(private readonly base: Map<string, Value>) {}

  get(key: string): Value | undefined {
    const value = this.staged.has(key) ? this.staged.get(key) : this.base.get(key);
    return value === undefined ? undefined : structuredClone(value);
  }

  set(key: string, value: Value): void {
    this.staged.set(key, structuredClone(value));
  }

  values(): Value[] {
    return [...new Map([...this.base, ...this.staged]).values()].map((value) => structuredClone(value));
  }

  commit(): void {
    for (const [key, value] of this.staged) this.base.set(key, value);
  }
}

export interface InMemorySandboxLedger extends SandboxLedger {
  /** Everything the ledger holds, as plain data: tests use it to prove no card number is ever kept. */
  snapshot(): {
    cards: Record<string, SandboxCard>;
    idempotency: Record<string, IdempotencyRecord>;
    authorizations: Record<string, SandboxAuthorization>;
  };
}

/** The sandbox's default ledger: three maps, and a queue that runs one unit of work at a time. */
export function createInMemorySandboxLedger(): InMemorySandboxLedger {
  const cards = new Map<string, SandboxCard>();
  const idempotency = new Map<string, IdempotencyRecord>();
  const authorizations = new Map<string, SandboxAuthorization>();
  // The tail of the queue; a failed unit of work must not stop the ones behind it.
  let tail: Promise<unknown> = Promise.resolve();

  async function run<T>(work: (tx: SandboxLedgerTransaction) => Promise<T>): Promise<T> {
    const tables = { cards: new StagedTable(cards), idempotency: new StagedTable(idempotency), authorizations: new StagedTable(authorizations) };
    const tx: SandboxLedgerTransaction = {
      findCard: async (token) => tables.cards.get(token),
      saveCard: async (token, card) => tables.cards.set(token, card),
      findIdempotencyRecord: async (key) => tables.idempotency.get(key),
      saveIdempotencyRecord: async (key, record) => tables.idempotency.set(key, record),
      findAuthorization: async (id) => tables.authorizations.get(id),
      saveAuthorization: async (authorization) => tables.authorizations.set(authorization.authorizationId, authorization),
      authorizationsForOrder: async (orderId) => tables.authorizations.values().filter((authorization) => authorization.orderId === orderId),
    };
    const result = await work(tx);
    // Reached only when `work` resolved: a unit of work that throws leaves no trace.
    for (const table of Object.values(tables)) table.commit();
    return result;
  }

  return {
    atomically<T>(work: (tx: SandboxLedgerTransaction) => Promise<T>): Promise<T> {
      const result = tail.then(() => run(work));
      tail = result.catch(() => undefined);
      return result;
    },
    snapshot: () => ({
      cards: Object.fromEntries(structuredClone(cards)),
      idempotency: Object.fromEntries(structuredClone(idempotency)),
      authorizations: Object.fromEntries(structuredClone(authorizations)),
    }),
  };
}
