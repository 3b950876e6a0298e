import { GatewayRejectedError, IdempotencyKeyReusedError, TransientGatewayError, type GatewayRejectionCode } from '../errors.js';
import type { GatewayOperation } from '../payment-gateway.js';
import type { GatewayResult, SandboxLedger, SandboxLedgerTransaction } from './sandbox-ledger.js';

/** What one execution of a call came to. Only `transient` leaves the key free for another attempt. */
export type Execution<Result extends GatewayResult> =
  | { readonly kind: 'result'; readonly value: Result }
  | { readonly kind: 'rejected'; readonly code: GatewayRejectionCode; readonly message: string }
  | { readonly kind: 'transient'; readonly message: string };

export interface KeyedCall {
  readonly operation: GatewayOperation;
  readonly idempotencyKey: string;
  /** The parameters in a canonical form: the same request always gives the same string. */
  readonly fingerprint: string;
}

/** Asked after an execution that gave an answer; true stores the answer yet reports a timeout. */
export type LoseResponse = (call: { readonly operation: GatewayOperation; readonly idempotencyKey: string; readonly attempt: number }) => boolean;

type Outcome<Result extends GatewayResult> =
  | (Execution<Result> & { readonly attempt: number; readonly replayed: boolean })
  | { readonly kind: 'reused'; readonly firstUsedFor: GatewayOperation };

/**
 * Executes `call` at most once per idempotency key, Stripe's way: under one ledger transaction it
 * looks the key up, replays the stored answer, refuses a key that belongs to another request, or
 * executes and stores what came of it. `execute` receives the attempt number (1 for the first
 * execution of this key) and must return failures rather than throw them, so that a transient
 * failure's attempt count is committed, not rolled back.
 */
export async function runOnce<Result extends GatewayResult>(
  ledger: SandboxLedger,
  call: KeyedCall,
  execute: (tx: SandboxLedgerTransaction, attempt: number) => Promise<Execution<Result>>,
  loseResponse?: LoseResponse,
): Promise<Result> {
  const outcome = await ledger.atomically(async (tx): Promise<Outcome<Result>> => {
    const record = await tx.findIdempotencyRecord(call.idempotencyKey);
    if (record !== undefined && (record.operation !== call.operation || record.fingerprint !== call.fingerprint)) {
      return { kind: 'reused', firstUsedFor: record.operation };
    }
    if (record?.answer) {
      // The fingerprint names the operation, so the stored value is this operation's result.
      const answer = record.answer as Execution<Result>;
      return { ...answer, attempt: record.attempts, replayed: true };
    }
    const attempt = (record?.attempts ?? 0) + 1;
    const execution = await execute(tx, attempt);
    await tx.saveIdempotencyRecord(call.idempotencyKey, {
      operation: call.operation,
      fingerprint: call.fingerprint,
      attempts: attempt,
      answer: execution.kind === 'transient' ? null : execution,
    });
    return { ...execution, attempt, replayed: false };
  });

  if (outcome.kind === 'reused') throw new IdempotencyKeyReusedError(call.idempotencyKey, outcome.firstUsedFor);
  if (outcome.kind === 'transient') throw new TransientGatewayError(outcome.message);
  if (!outcome.replayed && loseResponse?.({ operation: call.operation, idempotencyKey: call.idempotencyKey, attempt: outcome.attempt })) {
    throw new TransientGatewayError(`the response to ${call.operation} was lost (simulated); retry with the same key`);
  }
  if (outcome.kind === 'rejected') throw new GatewayRejectedError(outcome.code, outcome.message);
  return outcome.value;
}
