import { addMoney, multiplyMoney, subtractMoney, sumMoney, type Money } from '../shared/index.js';
import type { CartLine } from './values.js';

/*
 * Line arithmetic, kept apart from `evolve` so that the same rules serve adding, merging and
 * the running total. Lines keep their first-added order, which is the order shoppers see.
 */

export const lineValue = (line: CartLine): Money => multiplyMoney(line.unitPrice, line.quantity);

export const linesTotal = (lines: readonly CartLine[], currency: string): Money => sumMoney(lines.map(lineValue), currency);

export const findLine = (lines: readonly CartLine[], sku: string): CartLine | undefined => lines.find((line) => line.sku === sku);

/** Adding an SKU already in the cart adds the quantity; the newest price snapshot wins. */
export function addLine(lines: readonly CartLine[], added: CartLine): readonly CartLine[] {
  const existing = findLine(lines, added.sku);
  if (existing === undefined) return [...lines, added];
  const merged: CartLine = { ...added, quantity: existing.quantity + added.quantity };
  return lines.map((line) => (line.sku === added.sku ? merged : line));
}

export const setLineQuantity = (lines: readonly CartLine[], sku: string, quantity: number): readonly CartLine[] =>
  lines.map((line) => (line.sku === sku ? { ...line, quantity } : line));

export const removeLine = (lines: readonly CartLine[], sku: string): readonly CartLine[] => lines.filter((line) => line.sku !== sku);

/**
 * The running total after replacing `before` with `after` (either may be absent), so that
 * `evolve` never re-sums the cart; the property tests check it still equals the sum of lines.
 */
export function adjustTotal(total: Money, before: CartLine | undefined, after: CartLine | undefined): Money {
  const withoutBefore = before === undefined ? total : subtractMoney(total, lineValue(before));
  return after === undefined ? withoutBefore : addMoney(withoutBefore, lineValue(after));
}
