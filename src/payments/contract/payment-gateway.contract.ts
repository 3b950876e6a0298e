import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containsCardNumber, paymentTokenSchema } from '../../domain/payment/index.js';
import type { Money } from '../../domain/shared/money.js';
import { cardBrand } from '../card.js';
import { GatewayRejectedError, IdempotencyKeyReusedError, TransientGatewayError, type GatewayRejectionCode } from '../errors.js';
import type { PaymentGateway } from '../payment-gateway.js';
import { testCards } from '../test-cards.js';

/** Card numbers the adapter's test mode answers with each behaviour. */
export interface ContractCards {
  readonly approve: string;
  readonly decline: string;
  /** Fails with `TransientGatewayError` a few times per key, then approves; tests needing it skip without it. */
  readonly transientThenApprove?: string | undefined;
}

export interface PaymentGatewayContractSubject {
  readonly gateway: PaymentGateway;
  /** The sandbox's test cards unless overridden (a real processor's test mode has its own). */
  readonly cards?: Partial<ContractCards>;
  /** How many authorizations the processor really holds for an order, when the adapter can tell. */
  readonly authorizationCount?: (orderId: string) => Promise<number>;
  readonly close?: () => Promise<void>;
}

/** Attempts a retry loop makes before the contract calls a "transient" card broken. */
const MAX_ATTEMPTS = 10;

/**
 * The one suite every payment gateway adapter passes (Kysely's way: one suite, every adapter).
 * Each test uses its own orders and keys, so the tests can share one gateway, real or not. Only
 * behaviour visible through the port is checked here; the sandbox's own specs check its test cards
 * exactly (fail twice, then approve) and its ledger.
 */
export function describePaymentGatewayContract(
  name: string,
  factory: () => PaymentGatewayContractSubject | Promise<PaymentGatewayContractSubject>,
): void {
  describe(`payment gateway contract: ${name}`, () => {
    let subject: PaymentGatewayContractSubject;
    let gateway: PaymentGateway;
    let cards: ContractCards;
    beforeAll(async () => {
      subject = await factory();
      gateway = subject.gateway;
      cards = { approve: testCards.approve, decline: testCards.decline, transientThenApprove: testCards.failTwiceThenApprove, ...subject.cards };
    });
    afterAll(async () => {
      await subject?.close?.();
    });

    const key = () => `key-${randomUUID()}`;
    const orderId = () => `order-${randomUUID()}`;
    const usd = (amount: number): Money => ({ amount, currency: 'USD' });
    const expiry = () => ({ expMonth: 12, expYear: new Date().getUTCFullYear() + 3 });
    const tokenFor = async (cardNumber: string) => (await gateway.tokenize({ cardNumber, ...expiry(), cvc: '123' })).token;

    /** An approved authorization of `amount` on a new order. */
    async function authorized(amount = 10_000) {
      const order = orderId();
      const answer = await gateway.authorize({ idempotencyKey: key(), token: await tokenFor(cards.approve), amount: usd(amount), orderId: order });
      if (answer.outcome !== 'approved') throw new Error(`the approve card was declined: ${answer.reason}`);
      return { authorizationId: answer.authorizationId, orderId: order };
    }

    async function rejection(call: Promise<unknown>): Promise<GatewayRejectedError> {
      const error = await call.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(GatewayRejectedError);
      return error as GatewayRejectedError;
    }
    const codeOf = async (call: Promise<unknown>): Promise<GatewayRejectionCode> => (await rejection(call)).code;

    async function expectAuthorizations(order: string, count: number) {
      if (subject.authorizationCount) expect(await subject.authorizationCount(order)).toBe(count);
    }

    describe('tokenize', () => {
      it('swaps a valid card for an opaque token, its last four digits and its brand', async () => {
        const card = await gateway.tokenize({ cardNumber: cards.approve, ...expiry(), cvc: '123' });
        expect(card.last4).toBe(cards.approve.slice(-4));
        expect(card.brand).toBe(cardBrand(cards.approve));
        expect(paymentTokenSchema.safeParse(card.token).success).toBe(true);
        expect(containsCardNumber(JSON.stringify(card))).toBe(false);
      });

      it('reads numbers typed with spaces or dashes', async () => {
        const spaced = cards.approve.replace(/(\d{4})(?=\d)/g, '$1 ');
        expect((await gateway.tokenize({ cardNumber: spaced, ...expiry(), cvc: '123' })).last4).toBe(cards.approve.slice(-4));
      });

      it('refuses invalid cards with a code, and never repeats the number', async () => {
        const valid = { cardNumber: cards.approve, ...expiry(), cvc: '123' };
        const lastYear = new Date().getUTCFullYear() - 1;
        const broken = `${cards.approve.slice(0, -1)}${(Number(cards.approve.slice(-1)) + 1) % 10}`;
        const cases: [Parameters<PaymentGateway['tokenize']>[0], GatewayRejectionCode][] = [
          [{ ...valid, cardNumber: broken }, 'invalid_number'],
          [{ ...valid, cardNumber: '4242' }, 'invalid_number'],
          [{ ...valid, cardNumber: `${cards.approve}x` }, 'invalid_number'],
          [{ ...valid, expMonth: 13 }, 'invalid_expiry'],
          [{ ...valid, expMonth: 0 }, 'invalid_expiry'],
          [{ ...valid, expYear: lastYear, expMonth: 12 }, 'expired_card'],
          [{ ...valid, cvc: '12' }, 'invalid_cvc'],
          [{ ...valid, cvc: 'abc' }, 'invalid_cvc'],
        ];
        for (const [card, code] of cases) {
          const error = await rejection(gateway.tokenize(card));
          expect(error.code, JSON.stringify({ ...card, cardNumber: '<hidden>' })).toBe(code);
          expect(containsCardNumber(`${error.message} ${JSON.stringify(error)}`)).toBe(false);
        }
      });
    });

    describe('authorize', () => {
      it('approves the approve card with an authorization id', async () => {
        const order = orderId();
        const answer = await gateway.authorize({ idempotencyKey: key(), token: await tokenFor(cards.approve), amount: usd(2_500), orderId: order });
        expect(answer).toEqual({ outcome: 'approved', authorizationId: expect.any(String) });
        await expectAuthorizations(order, 1);
      });

      it('declines the decline card with a reason, and holds nothing', async () => {
        const order = orderId();
        const answer = await gateway.authorize({ idempotencyKey: key(), token: await tokenFor(cards.decline), amount: usd(2_500), orderId: order });
        expect(answer).toEqual({ outcome: 'declined', reason: expect.stringMatching(/\S/) });
        await expectAuthorizations(order, 0);
      });

      it('refuses a token it never issued', async () => {
        expect(await codeOf(gateway.authorize({ idempotencyKey: key(), token: 'tok_never_issued', amount: usd(100), orderId: orderId() }))).toBe(
          'token_not_found',
        );
      });

      it('refuses malformed requests, a card number in place of a token among them, without repeating it', async () => {
        const token = await tokenFor(cards.approve);
        const valid = { idempotencyKey: key(), token, amount: usd(100), orderId: orderId() };
        const malformed = [
          { ...valid, amount: usd(0) },
          { ...valid, amount: usd(-100) },
          { ...valid, amount: usd(10.5) },
          { ...valid, amount: { amount: 100, currency: 'usd' } },
          { ...valid, idempotencyKey: '' },
          { ...valid, orderId: '' },
          { ...valid, token: cards.approve },
        ];
        for (const request of malformed) {
          const error = await rejection(gateway.authorize(request));
          expect(error.code).toBe('invalid_request');
          expect(containsCardNumber(error.message)).toBe(false);
        }
      });

      it('does not remember a malformed request under its key', async () => {
        const idempotencyKey = key();
        const token = await tokenFor(cards.approve);
        expect(await codeOf(gateway.authorize({ idempotencyKey, token, amount: usd(0), orderId: orderId() }))).toBe('invalid_request');
        expect((await gateway.authorize({ idempotencyKey, token, amount: usd(100), orderId: orderId() })).outcome).toBe('approved');
      });
    });

    describe('idempotency keys', () => {
      it('answers a repeated authorization with the first answer and holds the money once', async () => {
        const request = { idempotencyKey: key(), token: await tokenFor(cards.approve), amount: usd(4_200), orderId: orderId() };
        const first = await gateway.authorize(request);
        expect(await gateway.authorize(request)).toEqual(first);
        expect(await gateway.authorize({ ...request, amount: { ...request.amount } })).toEqual(first);
        await expectAuthorizations(request.orderId, 1);
      });

      it('answers a repeated declined authorization with the same decline', async () => {
        const request = { idempotencyKey: key(), token: await tokenFor(cards.decline), amount: usd(4_200), orderId: orderId() };
        const first = await gateway.authorize(request);
        expect(first.outcome).toBe('declined');
        expect(await gateway.authorize(request)).toEqual(first);
      });

      it('authorizes once when calls with one key arrive together', async () => {
        const request = { idempotencyKey: key(), token: await tokenFor(cards.approve), amount: usd(1_000), orderId: orderId() };
        const answers = await Promise.all(Array.from({ length: 10 }, () => gateway.authorize(request)));
        expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
        expect(answers[0]?.outcome).toBe('approved');
        await expectAuthorizations(request.orderId, 1);
      });

      it('refuses a key sent again with other parameters', async () => {
        const approveToken = await tokenFor(cards.approve);
        const request = { idempotencyKey: key(), token: approveToken, amount: usd(1_000), orderId: orderId() };
        await gateway.authorize(request);
        const others = [
          { ...request, amount: usd(1_001) },
          { ...request, amount: { amount: 1_000, currency: 'EUR' } },
          { ...request, orderId: orderId() },
          { ...request, token: await tokenFor(cards.approve) },
        ];
        for (const other of others) {
          const error = await rejection(gateway.authorize(other));
          expect(error).toBeInstanceOf(IdempotencyKeyReusedError);
          expect(error.code).toBe('idempotency_key_reused');
        }
        await expectAuthorizations(request.orderId, 1);
      });

      it('refuses a key sent again for another operation', async () => {
        const { authorizationId } = await authorized();
        const idempotencyKey = key();
        await gateway.capture({ idempotencyKey, authorizationId, amount: usd(100) });
        const error = await rejection(gateway.refund({ idempotencyKey, authorizationId, amount: usd(100) }));
        expect(error).toBeInstanceOf(IdempotencyKeyReusedError);
        expect(await codeOf(gateway.void({ idempotencyKey, authorizationId }))).toBe('idempotency_key_reused');
      });

      it('lets a retry loop that keeps its key through transient failures authorize exactly once', async (context) => {
        if (cards.transientThenApprove === undefined) return context.skip();
        const request = { idempotencyKey: key(), token: await tokenFor(cards.transientThenApprove), amount: usd(3_000), orderId: orderId() };
        let failures = 0;
        let answer: Awaited<ReturnType<PaymentGateway['authorize']>> | undefined;
        for (let attempt = 1; attempt <= MAX_ATTEMPTS && answer === undefined; attempt += 1) {
          try {
            answer = await gateway.authorize(request);
          } catch (error) {
            expect(error).toBeInstanceOf(TransientGatewayError);
            failures += 1;
          }
        }
        expect(failures).toBeGreaterThan(0);
        expect(answer?.outcome).toBe('approved');
        expect(await gateway.authorize(request)).toEqual(answer);
        await expectAuthorizations(request.orderId, 1);
      });

      it('answers a repeated capture and a repeated refund without moving money twice', async () => {
        const { authorizationId } = await authorized(10_000);
        const captureRequest = { idempotencyKey: key(), authorizationId, amount: usd(10_000) };
        const captured = await gateway.capture(captureRequest);
        expect(captured).toEqual({ captureId: expect.any(String), authorizationId, amount: usd(10_000) });
        expect(await gateway.capture(captureRequest)).toEqual(captured);

        const refundRequest = { idempotencyKey: key(), authorizationId, amount: usd(3_000) };
        const refunded = await gateway.refund(refundRequest);
        expect(refunded).toEqual({ refundId: expect.any(String), authorizationId, amount: usd(3_000), refundedTotal: usd(3_000) });
        expect(await gateway.refund(refundRequest)).toEqual(refunded);
        // Had the repeat refunded again, only 4000 would be left.
        expect((await gateway.refund({ idempotencyKey: key(), authorizationId, amount: usd(7_000) })).refundedTotal).toEqual(usd(10_000));
      });

      it('answers a repeated void with the first answer', async () => {
        const { authorizationId } = await authorized();
        const request = { idempotencyKey: key(), authorizationId };
        const first = await gateway.void(request);
        expect(first).toEqual({ authorizationId });
        expect(await gateway.void(request)).toEqual(first);
      });

      it('answers a repeated refused request with the same refusal', async () => {
        const { authorizationId } = await authorized(1_000);
        const request = { idempotencyKey: key(), authorizationId, amount: usd(1_001) };
        expect(await codeOf(gateway.capture(request))).toBe('amount_exceeds_authorized');
        expect(await codeOf(gateway.capture(request))).toBe('amount_exceeds_authorized');
      });
    });

    describe('limits', () => {
      it('captures at most the authorized amount, once', async () => {
        const { authorizationId } = await authorized(5_000);
        expect(await codeOf(gateway.capture({ idempotencyKey: key(), authorizationId, amount: usd(5_001) }))).toBe('amount_exceeds_authorized');
        expect(await codeOf(gateway.capture({ idempotencyKey: key(), authorizationId, amount: { amount: 5_000, currency: 'EUR' } }))).toBe(
          'currency_mismatch',
        );
        expect((await gateway.capture({ idempotencyKey: key(), authorizationId, amount: usd(4_000) })).amount).toEqual(usd(4_000));
        expect(await codeOf(gateway.capture({ idempotencyKey: key(), authorizationId, amount: usd(1_000) }))).toBe('already_captured');
      });

      it('neither captures nor voids again after a void', async () => {
        const { authorizationId } = await authorized();
        await gateway.void({ idempotencyKey: key(), authorizationId });
        expect(await codeOf(gateway.capture({ idempotencyKey: key(), authorizationId, amount: usd(100) }))).toBe('already_voided');
        expect(await codeOf(gateway.void({ idempotencyKey: key(), authorizationId }))).toBe('already_voided');
        expect(await codeOf(gateway.refund({ idempotencyKey: key(), authorizationId, amount: usd(100) }))).toBe('not_captured');
      });

      it('does not void a captured authorization: that takes a refund', async () => {
        const { authorizationId } = await authorized();
        await gateway.capture({ idempotencyKey: key(), authorizationId, amount: usd(100) });
        expect(await codeOf(gateway.void({ idempotencyKey: key(), authorizationId }))).toBe('already_captured');
      });

      it('refunds only what was captured, in parts that add up to at most the capture', async () => {
        const { authorizationId } = await authorized(10_000);
        expect(await codeOf(gateway.refund({ idempotencyKey: key(), authorizationId, amount: usd(100) }))).toBe('not_captured');
        await gateway.capture({ idempotencyKey: key(), authorizationId, amount: usd(6_000) });
        expect(await codeOf(gateway.refund({ idempotencyKey: key(), authorizationId, amount: usd(6_001) }))).toBe('amount_exceeds_captured');
        expect(await codeOf(gateway.refund({ idempotencyKey: key(), authorizationId, amount: { amount: 100, currency: 'EUR' } }))).toBe(
          'currency_mismatch',
        );
        expect((await gateway.refund({ idempotencyKey: key(), authorizationId, amount: usd(2_500) })).refundedTotal).toEqual(usd(2_500));
        expect((await gateway.refund({ idempotencyKey: key(), authorizationId, amount: usd(3_500) })).refundedTotal).toEqual(usd(6_000));
        expect(await codeOf(gateway.refund({ idempotencyKey: key(), authorizationId, amount: usd(1) }))).toBe('amount_exceeds_captured');
      });

      it('never refunds more than was captured, even when refunds arrive together', async () => {
        const { authorizationId } = await authorized(10_000);
        await gateway.capture({ idempotencyKey: key(), authorizationId, amount: usd(10_000) });
        const settled = await Promise.allSettled(Array.from({ length: 5 }, () => gateway.refund({ idempotencyKey: key(), authorizationId, amount: usd(3_000) })));
        expect(settled.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(3);
        for (const outcome of settled) {
          if (outcome.status === 'rejected') expect(outcome.reason).toMatchObject({ code: 'amount_exceeds_captured' });
        }
      });

      it('refuses authorization ids it never issued', async () => {
        const authorizationId = 'auth_never_issued';
        expect(await codeOf(gateway.capture({ idempotencyKey: key(), authorizationId, amount: usd(100) }))).toBe('authorization_not_found');
        expect(await codeOf(gateway.void({ idempotencyKey: key(), authorizationId }))).toBe('authorization_not_found');
        expect(await codeOf(gateway.refund({ idempotencyKey: key(), authorizationId, amount: usd(100) }))).toBe('authorization_not_found');
      });
    });
  });
}
