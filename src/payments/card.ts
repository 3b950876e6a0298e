import { GatewayRejectedError } from './errors.js';
import type { CardBrand, TokenizeRequest } from './payment-gateway.js';

/*
 * Card checks shared by adapters that tokenize in-process. Everything here reads a card number, so
 * nothing here logs, keeps or repeats it: errors say what is wrong, never what was typed.
 */

/** Luhn (mod 10) over a string of digits; false for anything that is not digits only. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    // Double every second digit counting from the right (the check digit is not doubled).
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** The brand from the number's prefix (IIN ranges as published by the networks). */
export function cardBrand(digits: string): CardBrand {
  if (/^4/.test(digits)) return 'visa';
  if (/^3[47]/.test(digits)) return 'amex';
  if (/^5[1-5]/.test(digits)) return 'mastercard';
  const first4 = Number(digits.slice(0, 4));
  if (first4 >= 2221 && first4 <= 2720) return 'mastercard';
  if (/^(6011|65|64[4-9])/.test(digits)) return 'discover';
  return 'unknown';
}

/** Spaces and dashes are how people type numbers; anything else makes it invalid. */
export const normalizeCardNumber = (cardNumber: string): string => cardNumber.replace(/[ -]/g, '');

/** Cards are issued for a few years; a date decades ahead is a typo, not a card. */
const MAX_YEARS_AHEAD = 20;

/** A card is valid through the last day of its expiry month, taken in UTC. */
export function isExpired(card: { readonly expMonth: number; readonly expYear: number }, now: Date): boolean {
  // Months counted from year 0 compare (year, month) pairs in one step.
  return card.expYear * 12 + card.expMonth < now.getUTCFullYear() * 12 + now.getUTCMonth() + 1;
}

export interface CheckedCard {
  /** Digits only. Callers use it to pick a behaviour and then drop it. */
  readonly digits: string;
  readonly last4: string;
  readonly brand: CardBrand;
}

/**
 * Checks number (12-19 digits, Luhn), expiry (valid through the last day of its month, UTC, not
 * before `now`) and cvc (4 digits for amex, 3 otherwise). Throws `GatewayRejectedError`.
 */
export function checkCard(card: TokenizeRequest, now: Date): CheckedCard {
  const digits = typeof card.cardNumber === 'string' ? normalizeCardNumber(card.cardNumber) : '';
  if (!/^\d{12,19}$/.test(digits) || !luhnValid(digits)) {
    throw new GatewayRejectedError('invalid_number', 'the card number is not valid');
  }
  const { expMonth, expYear } = card;
  if (!Number.isInteger(expMonth) || expMonth < 1 || expMonth > 12) {
    throw new GatewayRejectedError('invalid_expiry', 'the expiry month is 1 to 12');
  }
  const thisYear = now.getUTCFullYear();
  if (!Number.isInteger(expYear) || expYear < 1000 || expYear > thisYear + MAX_YEARS_AHEAD) {
    throw new GatewayRejectedError('invalid_expiry', `the expiry year has four digits and is at most ${MAX_YEARS_AHEAD} years ahead`);
  }
  if (isExpired({ expMonth, expYear }, now)) {
    throw new GatewayRejectedError('expired_card', 'the card has expired');
  }
  const brand = cardBrand(digits);
  const cvcPattern = brand === 'amex' ? /^\d{4}$/ : /^\d{3}$/;
  if (typeof card.cvc !== 'string' || !cvcPattern.test(card.cvc)) {
    throw new GatewayRejectedError('invalid_cvc', `the security code has ${brand === 'amex' ? 4 : 3} digits`);
  }
  return { digits, last4: digits.slice(-4), brand };
}
