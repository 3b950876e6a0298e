import { describe, expect, it } from 'vitest';
import { containsCardNumber, paymentTokenSchema } from '../../domain/payment/index.js';
import type { Money } from '../../domain/shared/money.js';
import { GatewayRejectedError, TransientGatewayError } from '../errors.js';
import type { AuthorizeRequest } from '../payment-gateway.js';
import { testCards, testTokens } from '../test-cards.js';
import { createInMemorySandboxLedger } from './in-memory-sandbox-ledger.js';
import { createSandboxGateway, type SandboxGatewayOptions } from './sandbox-gateway.js';

const NOW = new Date('2025-04-15T12:00:00.000Z');
const usd = (amount: number): Money => ({ amount, currency: 'USD' });

function setup(options: SandboxGatewayOptions = {}) {
  const ledger = createInMemorySandboxLedger();
  const gateway = createSandboxGateway({ ledger, now: () => NOW, ...options });
  const tokenize = async (cardNumber: string, cvc = '123') => gateway.tokenize({ cardNumber, expMonth: 12, expYear: 2027, cvc });
  const authorizeRequest = async (cardNumber: string, idempotencyKey = 'k-auth', orderId = 'order-1'): Promise<AuthorizeRequest> => ({
    idempotencyKey,
    token: (await tokenize(cardNumber)).token,
    amount: usd(10_000),
    orderId,
  });
  return { ledger, gateway, tokenize, authorizeRequest };
}

/** What each call of a retry loop saw: 'transient', or the outcome. */
async function attempts(call: () => Promise<{ outcome: string }>, count: number): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < count; i += 1) {
    try {
      seen.push((await call()).outcome);
    } catch (error) {
      if (!(error instanceof TransientGatewayError)) throw error;
      seen.push('transient');
    }
  }
  return seen;
}

describe('sandbox gateway: test cards', () => {
  it('4242424242424242 approves', async () => {
    const { gateway, authorizeRequest } = setup();
    expect(await gateway.authorize(await authorizeRequest(testCards.approve))).toEqual({ outcome: 'approved', authorizationId: expect.stringMatching(/^auth_sandbox_[a-zA-Z]{24}$/) });
    expect(await gateway.authorizationCount('order-1')).toBe(1);
  });

  it('4000000000000002 declines with card_declined and holds nothing', async () => {
    const { gateway, authorizeRequest } = setup();
    expect(await gateway.authorize(await authorizeRequest(testCards.decline))).toEqual({ outcome: 'declined', reason: 'card_declined' });
    expect(await gateway.authorizationCount('order-1')).toBe(0);
  });

  it('4000000000009995 fails twice per key, then approves, then replays the approval', async () => {
    const { gateway, authorizeRequest } = setup();
    const request = await authorizeRequest(testCards.failTwiceThenApprove);
    expect(await attempts(() => gateway.authorize(request), 5)).toEqual(['transient', 'transient', 'approved', 'approved', 'approved']);
    expect(await gateway.authorizationCount('order-1')).toBe(1);
  });

  it('counts the failures of 4000000000009995 per key: a new key fails twice again', async () => {
    const { gateway, authorizeRequest } = setup();
    const first = await authorizeRequest(testCards.failTwiceThenApprove, 'k-1', 'order-1');
    const second = { ...first, idempotencyKey: 'k-2', orderId: 'order-2' };
    expect(await attempts(() => gateway.authorize(first), 1)).toEqual(['transient']);
    expect(await attempts(() => gateway.authorize(second), 3)).toEqual(['transient', 'transient', 'approved']);
    expect(await attempts(() => gateway.authorize(first), 2)).toEqual(['transient', 'approved']);
  });

  it('4000000000000119 never gets through, for retry limits and dead letters', async () => {
    const { gateway, authorizeRequest } = setup();
    const request = await authorizeRequest(testCards.alwaysTransient);
    expect(await attempts(() => gateway.authorize(request), 6)).toEqual(Array(6).fill('transient'));
    expect(await gateway.authorizationCount('order-1')).toBe(0);
  });

  it('approves the Mastercard and Amex test cards, and any other valid number', async () => {
    const { gateway, tokenize, authorizeRequest } = setup();
    expect(await tokenize(testCards.approveMastercard)).toMatchObject({ last4: '4444', brand: 'mastercard' });
    expect(await tokenize(testCards.approveAmex, '1234')).toMatchObject({ last4: '0005', brand: 'amex' });
    for (const [index, number] of [testCards.approveMastercard, '4111111111111111', '6011111111111117'].entries()) {
      expect((await gateway.authorize(await authorizeRequest(number, `k-${index}`))).outcome).toBe('approved');
    }
  });

  it('offers ready-made tokens with the same behaviours', async () => {
    const { gateway } = setup();
    const request = (token: string, idempotencyKey: string) => ({ idempotencyKey, token, amount: usd(500), orderId: `order-${idempotencyKey}` });
    expect((await gateway.authorize(request(testTokens.approve, 'a'))).outcome).toBe('approved');
    expect(await gateway.authorize(request(testTokens.decline, 'd'))).toEqual({ outcome: 'declined', reason: 'card_declined' });
    expect(await attempts(() => gateway.authorize(request(testTokens.failTwiceThenApprove, 'f')), 3)).toEqual(['transient', 'transient', 'approved']);
    expect(await attempts(() => gateway.authorize(request(testTokens.alwaysTransient, 'u')), 2)).toEqual(['transient', 'transient']);
    for (const token of Object.values(testTokens)) expect(paymentTokenSchema.safeParse(token).success).toBe(true);
  });

  it('declines a card that has expired since it was tokenized', async () => {
    let now = NOW;
    const { gateway, authorizeRequest } = setup({ now: () => now });
    const request = await authorizeRequest(testCards.approve);
    now = new Date('2028-01-01T00:00:00.000Z');
    expect(await gateway.authorize(request)).toEqual({ outcome: 'declined', reason: 'expired_card' });
  });
});

describe('sandbox gateway: card data', () => {
  it('issues opaque letter-only tokens and keeps neither number nor cvc', async () => {
    const { gateway, ledger, tokenize } = setup();
    const tokens = [];
    for (const number of Object.values(testCards)) tokens.push(await tokenize(number, number === testCards.approveAmex ? '9876' : '987'));
    for (const { token } of tokens) expect(token).toMatch(/^tok_sandbox_[a-zA-Z]{24}$/);
    expect(new Set(tokens.map(({ token }) => token)).size).toBe(tokens.length);
    await gateway.authorize({ idempotencyKey: 'k', token: tokens[0]?.token ?? '', amount: usd(100), orderId: 'order-1' });
    const kept = JSON.stringify(ledger.snapshot());
    expect(containsCardNumber(kept)).toBe(false);
    for (const number of Object.values(testCards)) expect(kept).not.toContain(number.slice(0, 12));
    expect(kept).not.toMatch(/987/);
  });

  it('never echoes a card number passed where a token belongs', async () => {
    const { gateway } = setup();
    const error = await gateway.authorize({ idempotencyKey: 'k', token: testCards.approve, amount: usd(100), orderId: 'o' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayRejectedError);
    expect(error).toMatchObject({ code: 'invalid_request' });
    expect(containsCardNumber(String(error))).toBe(false);
  });

  it('takes the random part of ids from newId, for deterministic tests', async () => {
    let n = 0;
    const { gateway, tokenize } = setup({ newId: () => `id${'abcdefghij'[n++]}` });
    const { token } = await tokenize(testCards.approve);
    expect(token).toBe('tok_sandbox_ida');
    expect(await gateway.authorize({ idempotencyKey: 'k', token, amount: usd(100), orderId: 'o' })).toEqual({ outcome: 'approved', authorizationId: 'auth_sandbox_idb' });
  });
});

describe('sandbox gateway: idempotency', () => {
  it('answers a repeated key with the first answer and creates no second authorization', async () => {
    const { gateway, authorizeRequest } = setup();
    const request = await authorizeRequest(testCards.approve);
    const first = await gateway.authorize(request);
    for (let i = 0; i < 3; i += 1) expect(await gateway.authorize(request)).toEqual(first);
    expect(await gateway.authorizationsFor('order-1')).toHaveLength(1);
  });

  it('creates one authorization for calls with one key that arrive together', async () => {
    const { gateway, authorizeRequest } = setup();
    const request = await authorizeRequest(testCards.approve);
    const answers = await Promise.all(Array.from({ length: 25 }, () => gateway.authorize(request)));
    expect(new Set(answers.map((answer) => (answer.outcome === 'approved' ? answer.authorizationId : answer.reason))).size).toBe(1);
    expect(await gateway.authorizationCount('order-1')).toBe(1);
  });

  it('runs calls with one key one after the other, so the fail-twice card fails twice even when they arrive together', async () => {
    const { gateway, authorizeRequest } = setup();
    const request = await authorizeRequest(testCards.failTwiceThenApprove);
    const settled = await Promise.allSettled(Array.from({ length: 4 }, () => gateway.authorize(request)));
    expect(settled.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value.outcome : 'transient'))).toEqual([
      'transient',
      'transient',
      'approved',
      'approved',
    ]);
    expect(await gateway.authorizationCount('order-1')).toBe(1);
  });

  it('counts only the authorizations made: other keys for the order are other authorizations', async () => {
    const { gateway, authorizeRequest } = setup();
    const request = await authorizeRequest(testCards.approve);
    await gateway.authorize(request);
    await gateway.authorize({ ...request, idempotencyKey: 'k-other' });
    await gateway.authorize({ ...request, idempotencyKey: 'k-else', orderId: 'order-2' });
    expect(await gateway.authorizationCount('order-1')).toBe(2);
    expect(await gateway.authorizationCount('order-2')).toBe(1);
    expect(await gateway.authorizationCount('order-3')).toBe(0);
  });

  it('stores the answer of a call whose response is lost, and gives it to the retry', async () => {
    let lose = true;
    const { gateway, authorizeRequest } = setup({ loseResponse: () => lose });
    const request = await authorizeRequest(testCards.approve);
    await expect(gateway.authorize(request)).rejects.toBeInstanceOf(TransientGatewayError);
    expect(await gateway.authorizationCount('order-1')).toBe(1);
    lose = false;
    const [authorization] = await gateway.authorizationsFor('order-1');
    expect(await gateway.authorize(request)).toEqual({ outcome: 'approved', authorizationId: authorization?.authorizationId });
    expect(await gateway.authorizationCount('order-1')).toBe(1);
  });

  it('loses only first answers: a replay always gets through', async () => {
    const { gateway, authorizeRequest } = setup({ loseResponse: ({ attempt }) => attempt === 1 });
    const request = await authorizeRequest(testCards.approve);
    await expect(gateway.authorize(request)).rejects.toBeInstanceOf(TransientGatewayError);
    expect((await gateway.authorize(request)).outcome).toBe('approved');
  });

  it('remembers keys across gateways that share a ledger, as across a restart', async () => {
    const { gateway, ledger, authorizeRequest } = setup();
    const request = await authorizeRequest(testCards.approve);
    const first = await gateway.authorize(request);
    const restarted = createSandboxGateway({ ledger, now: () => NOW });
    expect(await restarted.authorize(request)).toEqual(first);
    expect(await restarted.authorizationCount('order-1')).toBe(1);
  });
});

describe('sandbox gateway: the bank side', () => {
  it('shows what was captured and refunded per authorization', async () => {
    const { gateway, authorizeRequest } = setup();
    const answer = await gateway.authorize(await authorizeRequest(testCards.approve));
    if (answer.outcome !== 'approved') throw new Error('expected an approval');
    const { authorizationId } = answer;
    await gateway.capture({ idempotencyKey: 'k-cap', authorizationId, amount: usd(8_000) });
    await gateway.refund({ idempotencyKey: 'k-ref', authorizationId, amount: usd(1_500) });
    expect(await gateway.authorizationsFor('order-1')).toEqual([
      expect.objectContaining({ authorizationId, status: 'captured', authorized: usd(10_000), captured: usd(8_000), refunded: usd(1_500), createdAt: NOW.toISOString() }),
    ]);
  });
});
