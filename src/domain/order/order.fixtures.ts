import { fold, isDomainError, money, type Decision } from '../shared/index.js';
import type { OrderCommand, PlaceOrder, RecordRefund, RequestReturn } from './commands.js';
import { decide } from './decide.js';
import type { OrderEvent } from './events.js';
import { evolve, initialState, type Order, type OrderState } from './state.js';

/* Builders for the order's example tests: given events, when a command, then events or an error. */

export const T0 = '2025-03-01T09:00:00.000Z';
export const at = (days: number, hours = 0): string => new Date(Date.parse(T0) + (days * 24 + hours) * 3_600_000).toISOString();
export const eur = (amount: number) => money(amount, 'EUR');
export const ORDER_ID = 'order-1';

/** Two lines worth 5000 with a 500 discount, shipped standard to Germany (19% tax). */
export const placeOrderData = (overrides: Partial<PlaceOrder['data']> = {}): PlaceOrder['data'] => ({
  orderId: ORDER_ID,
  customerId: 'cust-1',
  guestEmail: null,
  cartId: 'cart-1',
  lines: [
    { sku: 'A', productId: 'prod-A', sellerId: 'seller-1', quantity: 2, unitPrice: eur(1500) },
    { sku: 'B', productId: 'prod-B', sellerId: 'seller-2', quantity: 1, unitPrice: eur(2000) },
  ],
  couponCode: 'SAVE5',
  discount: eur(500),
  shippingAddress: { name: 'Ada Lovelace', line1: 'Hauptstr. 1', city: 'Berlin', postalCode: '10115', country: 'DE' },
  shippingOption: 'standard',
  paymentToken: 'tok_sandbox_approve',
  cardLast4: '4242',
  at: T0,
  ...overrides,
});

export const stateAfter = (given: readonly OrderEvent[]): OrderState => fold(evolve, initialState(), given);

export function orderAfter(given: readonly OrderEvent[]): Order {
  const state = stateAfter(given);
  if (state.status === 'NONE') throw new Error('the given events do not place the order');
  return state;
}

export const when = (given: readonly OrderEvent[], command: OrderCommand): Decision<OrderEvent> => decide(command, stateAfter(given));

/** Runs commands that must succeed and returns every event they caused: histories read as stories. */
export const history = (...commands: OrderCommand[]): OrderEvent[] => extend([], ...commands);

/** `given` followed by the events of commands that must succeed. */
export function extend(given: readonly OrderEvent[], ...commands: OrderCommand[]): OrderEvent[] {
  const events: OrderEvent[] = [...given];
  for (const command of commands) {
    const decision = decide(command, stateAfter(events));
    if (isDomainError(decision)) throw new Error(`${command.type} failed: ${decision.code}`);
    events.push(...decision);
  }
  return events;
}

const id = { orderId: ORDER_ID };
export const place = (overrides: Partial<PlaceOrder['data']> = {}): OrderCommand => ({ type: 'PlaceOrder', data: placeOrderData(overrides) });
export const confirm = (paymentId = 'pay-1', day = 0): OrderCommand => ({ type: 'ConfirmOrder', data: { ...id, paymentId, at: at(day, 1) } });
export const startProcessing = (day = 1): OrderCommand => ({ type: 'StartProcessing', data: { ...id, at: at(day) } });
export const ship = (day = 2, trackingNumber = 'TRK-1'): OrderCommand => ({
  type: 'ShipOrder',
  data: { ...id, carrier: 'DHL', trackingNumber, at: at(day) },
});
export const deliver = (day = 4): OrderCommand => ({ type: 'DeliverOrder', data: { ...id, at: at(day) } });
export const complete = (day = 5): OrderCommand => ({ type: 'CompleteOrder', data: { ...id, at: at(day) } });
export const requestReturn = (day = 10, lines = [{ sku: 'A', quantity: 1 }]): RequestReturn => ({
  type: 'RequestReturn',
  data: { ...id, lines, reason: 'does not fit', at: at(day) },
});
export const approveReturn = (day = 11): OrderCommand => ({ type: 'ApproveReturn', data: { ...id, at: at(day) } });
export const receiveReturn = (day = 15): OrderCommand => ({ type: 'ReceiveReturn', data: { ...id, at: at(day) } });
export const cancel = (day = 1): OrderCommand => ({ type: 'CancelOrder', data: { ...id, reason: 'changed my mind', by: 'customer', at: at(day) } });
export const refund = (amount: number, refundId = 'refund-1', paymentId = 'pay-1', day = 20): RecordRefund => ({
  type: 'RecordRefund',
  data: { ...id, paymentId, refundId, amount: eur(amount), at: at(day) },
});

export const delivered = (): OrderEvent[] => history(place(), confirm(), startProcessing(), ship(), deliver());
