import { randomInt } from 'node:crypto';
import type { Money } from '../../domain/shared/money.js';
import { checkCard, isExpired } from '../card.js';
import type { AuthorizeResult, CaptureResult, PaymentGateway, RefundResult, TokenizedCard, VoidResult } from '../payment-gateway.js';
import { parseAuthorizeRequest, parseCaptureRequest, parseRefundRequest, parseVoidRequest } from '../requests.js';
import { capture, refund, voidAuthorization, type Ruling } from './authorization-rules.js';
import { createInMemorySandboxLedger } from './in-memory-sandbox-ledger.js';
import { behaviourOfCard, readyMadeCards, type SandboxCard } from './sandbox-cards.js';
import type { GatewayResult, SandboxAuthorization, SandboxLedger, SandboxLedgerTransaction } from './sandbox-ledger.js';
import { runOnce, type Execution, type LoseResponse } from './run-once.js';

export interface SandboxGatewayOptions {
  /** In memory unless given; pass one ledger to several gateways to model a restart. */
  readonly ledger?: SandboxLedger;
  /** The clock that expiry is checked against. */
  readonly now?: () => Date;
  /** The random part of tokens and ids. Must not yield twelve digits in a row: tokens never look like card numbers. */
  readonly newId?: () => string;
  /**
   * Fault injection for crash tests: when it returns true the call takes effect and its answer is
   * stored under the key, but the caller gets a `TransientGatewayError`, as when a response is lost
   * on the wire. A retry with the same key then receives the stored answer.
   */
  readonly loseResponse?: LoseResponse;
}

/** The sandbox adapter plus what tests need to see inside the "bank". */
export interface SandboxGateway extends PaymentGateway {
  readonly ledger: SandboxLedger;
  /** Authorizations really created for an order: more than one for one payment is a double charge. */
  authorizationsFor(orderId: string): Promise<readonly SandboxAuthorization[]>;
  authorizationCount(orderId: string): Promise<number>;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** 24 letters (about 136 bits); letters only, so no id can ever pass for a card number. */
const randomLetters = (): string => Array.from({ length: 24 }, () => LETTERS[randomInt(LETTERS.length)]).join('');

const result = <Result extends GatewayResult>(value: Result): Execution<Result> => ({ kind: 'result', value });
const rejectedBy = (ruling: Exclude<Ruling, { ok: true }>): Execution<never> => ({ kind: 'rejected', code: ruling.code, message: ruling.message });
const amountKey = (amount: Money): string => `${amount.amount} ${amount.currency}`;
/** JSON of an array of strings is canonical and cannot be confused across fields. */
const fingerprint = (...parts: string[]): string => JSON.stringify(parts);

/**
 * The embedded default gateway: in-process and deterministic, with the test cards of
 * `../test-cards.ts`. It behaves like a real processor where the saga can tell the difference:
 * idempotency keys, limits on captures and refunds, voids, tokens instead of numbers.
 */
export function createSandboxGateway(options: SandboxGatewayOptions = {}): SandboxGateway {
  const ledger = options.ledger ?? createInMemorySandboxLedger();
  const now = options.now ?? (() => new Date());
  const newId = options.newId ?? randomLetters;
  const { loseResponse } = options;

  const findCard = async (tx: SandboxLedgerTransaction, token: string): Promise<SandboxCard | undefined> =>
    readyMadeCards.get(token) ?? (await tx.findCard(token));

  /** Runs a rule against a stored authorization and saves what it allowed. */
  async function change(tx: SandboxLedgerTransaction, authorizationId: string, rule: (authorization: SandboxAuthorization) => Ruling): Promise<Ruling> {
    const authorization = await tx.findAuthorization(authorizationId);
    if (authorization === undefined) return { ok: false, code: 'authorization_not_found', message: 'no authorization has this id' };
    const ruling = rule(authorization);
    if (ruling.ok) await tx.saveAuthorization(ruling.authorization);
    return ruling;
  }

  return {
    ledger,

    async tokenize(request): Promise<TokenizedCard> {
      // The number lives only in this function's frame: the ledger gets the behaviour and last4.
      const { digits, last4, brand } = checkCard(request, now());
      const card: SandboxCard = { behaviour: behaviourOfCard(digits), last4, brand, expMonth: request.expMonth, expYear: request.expYear };
      const token = `tok_sandbox_${newId()}`;
      await ledger.atomically((tx) => tx.saveCard(token, card));
      return { token, last4, brand };
    },

    async authorize(request) {
      const { idempotencyKey, token, amount, orderId } = parseAuthorizeRequest(request);
      const call = { operation: 'authorize' as const, idempotencyKey, fingerprint: fingerprint(token, amountKey(amount), orderId) };
      return runOnce<AuthorizeResult>(
        ledger,
        call,
        async (tx, attempt) => {
          const card = await findCard(tx, token);
          if (card === undefined) return { kind: 'rejected', code: 'token_not_found', message: 'no card has this token' };
          const today = now();
          // A card valid when tokenized may have expired since, as a stored card does at a real bank.
          if (isExpired(card, today)) return result({ outcome: 'declined', reason: 'expired_card' });
          if (card.behaviour === 'decline') return result({ outcome: 'declined', reason: 'card_declined' });
          if (card.behaviour === 'always_transient' || (card.behaviour === 'fail_twice_then_approve' && attempt <= 2)) {
            return { kind: 'transient', message: `the processor timed out (sandbox, attempt ${attempt}); retry with the same key` };
          }
          const authorizationId = `auth_sandbox_${newId()}`;
          const zero = { amount: 0, currency: amount.currency };
          await tx.saveAuthorization({
            authorizationId,
            orderId,
            token,
            status: 'authorized',
            authorized: amount,
            captured: zero,
            refunded: zero,
            createdAt: today.toISOString(),
          });
          return result({ outcome: 'approved', authorizationId });
        },
        loseResponse,
      );
    },

    async capture(request) {
      const { idempotencyKey, authorizationId, amount } = parseCaptureRequest(request);
      const call = { operation: 'capture' as const, idempotencyKey, fingerprint: fingerprint(authorizationId, amountKey(amount)) };
      return runOnce<CaptureResult>(
        ledger,
        call,
        async (tx) => {
          const ruling = await change(tx, authorizationId, (authorization) => capture(authorization, amount));
          return ruling.ok ? result({ captureId: `cap_sandbox_${newId()}`, authorizationId, amount }) : rejectedBy(ruling);
        },
        loseResponse,
      );
    },

    async void(request) {
      const { idempotencyKey, authorizationId } = parseVoidRequest(request);
      const call = { operation: 'void' as const, idempotencyKey, fingerprint: fingerprint(authorizationId) };
      return runOnce<VoidResult>(
        ledger,
        call,
        async (tx) => {
          const ruling = await change(tx, authorizationId, voidAuthorization);
          return ruling.ok ? result({ authorizationId }) : rejectedBy(ruling);
        },
        loseResponse,
      );
    },

    async refund(request) {
      const { idempotencyKey, authorizationId, amount } = parseRefundRequest(request);
      const call = { operation: 'refund' as const, idempotencyKey, fingerprint: fingerprint(authorizationId, amountKey(amount)) };
      return runOnce<RefundResult>(
        ledger,
        call,
        async (tx) => {
          const ruling = await change(tx, authorizationId, (authorization) => refund(authorization, amount));
          if (!ruling.ok) return rejectedBy(ruling);
          return result({ refundId: `re_sandbox_${newId()}`, authorizationId, amount, refundedTotal: ruling.authorization.refunded });
        },
        loseResponse,
      );
    },

    authorizationsFor: (orderId) => ledger.atomically((tx) => tx.authorizationsForOrder(orderId)),
    authorizationCount: async (orderId) => (await ledger.atomically((tx) => tx.authorizationsForOrder(orderId))).length,
  };
}
