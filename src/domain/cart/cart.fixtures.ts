import { fold, money, type Decision } from '../shared/index.js';
import type { CartCommand } from './commands.js';
import { decide } from './decide.js';
import type { CartEvent } from './events.js';
import { evolve, initialState, type Cart, type CartState } from './state.js';
import type { CartLine, CartOwner } from './values.js';

/* Builders for the cart's example tests: given events, when a command, then events or an error. */

export const T0 = '2025-01-01T10:00:00.000Z';
export const at = (days: number, hours = 0): string => new Date(Date.parse(T0) + (days * 24 + hours) * 3_600_000).toISOString();

export const guest: CartOwner = { kind: 'guest' };
export const customer: CartOwner = { kind: 'customer', customerId: 'cust-1' };

export const usd = (amount: number) => money(amount, 'USD');

export const line = (sku: string, quantity: number, unitPrice = 1000): CartLine => ({
  sku,
  productId: `prod-${sku}`,
  quantity,
  unitPrice: usd(unitPrice),
});

export const opened = (owner: CartOwner = guest, cartId = 'cart-a', when = T0): CartEvent => ({
  type: 'CartOpened',
  data: { cartId, owner, currency: 'USD', at: when },
});

export const added = (sku: string, quantity: number, unitPrice = 1000, when = T0, cartId = 'cart-a'): CartEvent => ({
  type: 'CartItemAdded',
  data: { cartId, ...line(sku, quantity, unitPrice), at: when },
});

export const stateAfter = (given: readonly CartEvent[]): CartState => fold(evolve, initialState(), given);

/** The state of a cart the test knows was opened. */
export function cartAfter(given: readonly CartEvent[]): Cart {
  const state = stateAfter(given);
  if (state.status === 'NONE') throw new Error('the given events do not open the cart');
  return state;
}

export const when = (given: readonly CartEvent[], command: CartCommand): Decision<CartEvent> => decide(command, stateAfter(given));
