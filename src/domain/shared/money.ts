import { z } from 'zod';

/** ISO 4217 currency code. Amounts are integer minor units (cents): never floats. */
export const currencySchema = z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as USD');

export const moneySchema = z.object({
  amount: z.number().int().safe(),
  currency: currencySchema,
});
export type Money = z.infer<typeof moneySchema>;

export const nonNegativeMoneySchema = moneySchema.extend({ amount: z.number().int().safe().nonnegative() });

export const positiveMoneySchema = moneySchema.extend({ amount: z.number().int().safe().positive() });

export const money = (amount: number, currency: string): Money => ({ amount, currency });

export const zeroOf = (currency: string): Money => ({ amount: 0, currency });

export class CurrencyMismatchError extends Error {
  constructor(readonly left: string, readonly right: string) {
    super(`cannot combine ${left} with ${right}`);
  }
}

function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new CurrencyMismatchError(a.currency, b.currency);
}

export function addMoney(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return { amount: a.amount + b.amount, currency: a.currency };
}

export function subtractMoney(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return { amount: a.amount - b.amount, currency: a.currency };
}

export function multiplyMoney(a: Money, quantity: number): Money {
  return { amount: a.amount * quantity, currency: a.currency };
}

/**
 * Percentage of an amount in basis points (1% = 100 bp), rounded half away from zero,
 * so that tax and discounts stay in integer minor units.
 */
export function percentOf(a: Money, basisPoints: number): Money {
  const raw = (a.amount * basisPoints) / 10_000;
  return { amount: Math.sign(raw) * Math.round(Math.abs(raw)), currency: a.currency };
}

export function sumMoney(items: readonly Money[], currency: string): Money {
  return items.reduce<Money>((total, item) => addMoney(total, item), zeroOf(currency));
}
