import type { Money } from '../../domain/shared/money.js';
import type { GatewayRejectionCode } from '../errors.js';
import type { AuthorizeResult, CaptureResult, GatewayOperation, RefundResult, VoidResult } from '../payment-gateway.js';
import type { SandboxCard } from './sandbox-cards.js';

/**
 * Where the sandbox keeps its state. In memory by default (`in-memory-sandbox-ledger.ts`); a
 * persisted version (a few Kysely tables) can replace it without touching the gateway, because the
 * gateway reads and writes only through one `atomically` unit of work at a time.
 */
export interface SandboxLedger {
  /**
   * Runs `work` as one transaction: no other unit of work interleaves with it, and its writes land
   * all together when it resolves or not at all when it throws. This is what makes two concurrent
   * calls with one idempotency key create one authorization, and two refunds unable to overdraw.
   */
  atomically<T>(work: (tx: SandboxLedgerTransaction) => Promise<T>): Promise<T>;
}

/** Values read are copies and values written are copied: callers cannot change the ledger behind its back. */
export interface SandboxLedgerTransaction {
  findCard(token: string): Promise<SandboxCard | undefined>;
  saveCard(token: string, card: SandboxCard): Promise<void>;
  findIdempotencyRecord(idempotencyKey: string): Promise<IdempotencyRecord | undefined>;
  saveIdempotencyRecord(idempotencyKey: string, record: IdempotencyRecord): Promise<void>;
  findAuthorization(authorizationId: string): Promise<SandboxAuthorization | undefined>;
  saveAuthorization(authorization: SandboxAuthorization): Promise<void>;
  authorizationsForOrder(orderId: string): Promise<readonly SandboxAuthorization[]>;
}

export type SandboxAuthorizationStatus = 'authorized' | 'captured' | 'voided';

/** An authorization as the sandbox's "bank" sees it; refunds leave it `captured` with `refunded` > 0. */
export interface SandboxAuthorization {
  readonly authorizationId: string;
  readonly orderId: string;
  readonly token: string;
  readonly status: SandboxAuthorizationStatus;
  readonly authorized: Money;
  readonly captured: Money;
  readonly refunded: Money;
  readonly createdAt: string;
}

export type GatewayResult = AuthorizeResult | CaptureResult | VoidResult | RefundResult;

/** The first answer given under a key: a result or a permanent rejection. */
export type StoredAnswer =
  | { readonly kind: 'result'; readonly value: GatewayResult }
  | { readonly kind: 'rejected'; readonly code: GatewayRejectionCode; readonly message: string };

export interface IdempotencyRecord {
  readonly operation: GatewayOperation;
  /** The request's parameters in a canonical form; another request under the key is a reuse. */
  readonly fingerprint: string;
  /** Executions so far. Transient failures count (the fail-twice card reads this); replays do not. */
  readonly attempts: number;
  /** Null while only transient failures happened: those are not answers. */
  readonly answer: StoredAnswer | null;
}
