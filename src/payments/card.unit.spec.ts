import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { containsCardNumber } from '../domain/payment/index.js';
import { cardBrand, checkCard, isExpired, luhnValid } from './card.js';
import { GatewayRejectedError } from './errors.js';
import type { TokenizeRequest } from './payment-gateway.js';
import { testCards } from './test-cards.js';

const NOW = new Date('2025-04-15T12:00:00.000Z');
const card = (overrides: Partial<TokenizeRequest> = {}): TokenizeRequest => ({
  cardNumber: testCards.approve,
  expMonth: 12,
  expYear: 2027,
  cvc: '123',
  ...overrides,
});

function codeOf(request: TokenizeRequest, now = NOW): string {
  try {
    checkCard(request, now);
    return 'valid';
  } catch (error) {
    if (!(error instanceof GatewayRejectedError)) throw error;
    // Whatever went wrong, the error must not carry the number.
    expect(containsCardNumber(`${error.message} ${JSON.stringify(error)}`)).toBe(false);
    return error.code;
  }
}

describe('Luhn', () => {
  it('accepts published test numbers and refuses their neighbours', () => {
    for (const number of [...Object.values(testCards), '79927398713', '6011111111111117', '4111111111111111']) {
      expect(luhnValid(number), number).toBe(true);
    }
    for (const number of ['4242424242424241', '79927398710', '1234567812345678']) expect(luhnValid(number), number).toBe(false);
  });

  it('refuses anything that is not digits only', () => {
    for (const text of ['', '4242 4242', '42a2', '-0', '٤٢']) expect(luhnValid(text), text).toBe(false);
  });

  it('catches every single-digit typo', () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.values(testCards)), fc.nat(), fc.integer({ min: 1, max: 9 }), (number, at, delta) => {
        const index = at % number.length;
        const typo = `${number.slice(0, index)}${(Number(number[index]) + delta) % 10}${number.slice(index + 1)}`;
        expect(luhnValid(typo)).toBe(false);
      }),
    );
  });

  it('catches swaps of two adjacent different digits (except 0 and 9, a known blind spot)', () => {
    expect(luhnValid('4242424242424224')).toBe(false);
    expect(luhnValid('4000000000000020')).toBe(false);
  });
});

describe('card brand', () => {
  it('is read from the prefix', () => {
    expect(cardBrand(testCards.approve)).toBe('visa');
    expect(cardBrand(testCards.approveMastercard)).toBe('mastercard');
    expect(cardBrand('2223003122003222')).toBe('mastercard');
    expect(cardBrand(testCards.approveAmex)).toBe('amex');
    expect(cardBrand('6011111111111117')).toBe('discover');
    expect(cardBrand('6500000000000002')).toBe('discover');
    expect(cardBrand('3056930009020004')).toBe('unknown');
  });
});

describe('checkCard', () => {
  it('returns the digits, the last four and the brand of a valid card', () => {
    expect(checkCard(card({ cardNumber: '4242-4242 4242-4242' }), NOW)).toEqual({ digits: testCards.approve, last4: '4242', brand: 'visa' });
  });

  it('refuses numbers that are too short, too long, not digits or fail Luhn', () => {
    expect(codeOf(card({ cardNumber: '42424242424' }))).toBe('invalid_number');
    expect(codeOf(card({ cardNumber: `${testCards.approve}0000` }))).toBe('invalid_number');
    expect(codeOf(card({ cardNumber: '4242.4242.4242.4242' }))).toBe('invalid_number');
    expect(codeOf(card({ cardNumber: '4242424242424241' }))).toBe('invalid_number');
    expect(codeOf(card({ cardNumber: 4242424242424242 as unknown as string }))).toBe('invalid_number');
  });

  it('counts a card valid through the last day of its expiry month, in UTC', () => {
    expect(codeOf(card({ expMonth: 4, expYear: 2025 }))).toBe('valid');
    expect(codeOf(card({ expMonth: 3, expYear: 2025 }))).toBe('expired_card');
    expect(codeOf(card({ expMonth: 12, expYear: 2024 }))).toBe('expired_card');
    expect(codeOf(card({ expMonth: 4, expYear: 2025 }), new Date('2025-04-30T23:59:59.999Z'))).toBe('valid');
    expect(codeOf(card({ expMonth: 4, expYear: 2025 }), new Date('2025-05-01T00:00:00.000Z'))).toBe('expired_card');
    expect(codeOf(card({ expMonth: 12, expYear: 2025 }), new Date('2026-01-01T00:00:00.000Z'))).toBe('expired_card');
    expect(isExpired({ expMonth: 1, expYear: 2026 }, new Date('2025-12-31T23:59:59.999Z'))).toBe(false);
  });

  it('refuses impossible months and years', () => {
    for (const expMonth of [0, 13, 1.5, Number.NaN]) expect(codeOf(card({ expMonth })), String(expMonth)).toBe('invalid_expiry');
    for (const expYear of [27, 2046, 2027.5]) expect(codeOf(card({ expYear })), String(expYear)).toBe('invalid_expiry');
    expect(codeOf(card({ expYear: 2045 }))).toBe('valid');
  });

  it('wants a 3-digit cvc, or 4 digits for amex', () => {
    expect(codeOf(card({ cvc: '12' }))).toBe('invalid_cvc');
    expect(codeOf(card({ cvc: '1234' }))).toBe('invalid_cvc');
    expect(codeOf(card({ cvc: '12a' }))).toBe('invalid_cvc');
    expect(codeOf(card({ cardNumber: testCards.approveAmex, cvc: '1234' }))).toBe('valid');
    expect(codeOf(card({ cardNumber: testCards.approveAmex, cvc: '123' }))).toBe('invalid_cvc');
  });
});
