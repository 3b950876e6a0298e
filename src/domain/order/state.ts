import { addMoney, assertNever, zeroOf, type Money } from '../shared/index.js';
import type { OrderEvent, OrderPlaced } from './events.js';
import type { OrderPricing } from './pricing.js';
import type { OrderStatus } from './transitions.js';
import type { OrderLine, RejectionReason, ReturnLine, ShippingAddress, ShippingOption } from './values.js';

export interface StatusChange {
  readonly status: OrderStatus;
  readonly at: string;
}

/** The return being handled; `resumeStatus` is where a rejected return sends the order back to. */
export interface OpenReturn {
  readonly lines: readonly ReturnLine[];
  readonly reason: string;
  readonly requestedAt: string;
  readonly resumeStatus: 'DELIVERED' | 'COMPLETED';
}

export interface Order {
  readonly status: OrderStatus;
  readonly statusHistory: readonly StatusChange[];
  readonly orderId: string;
  readonly customerId: string | null;
  readonly guestEmail: string | null;
  readonly cartId: string | null;
  readonly lines: readonly OrderLine[];
  readonly couponCode: string | null;
  readonly pricing: OrderPricing;
  readonly shippingAddress: ShippingAddress;
  readonly shippingOption: ShippingOption;
  /** Only the last four digits are kept; the token stays in OrderPlaced for the saga. */
  readonly cardLast4: string;
  readonly placedAt: string;
  readonly paymentId: string | null;
  readonly rejection: { readonly reason: RejectionReason; readonly details: string | null } | null;
  readonly cancellation: { readonly reason: string; readonly by: string; readonly at: string } | null;
  readonly shipment: { readonly carrier: string; readonly trackingNumber: string; readonly at: string } | null;
  readonly deliveredAt: string | null;
  readonly openReturn: OpenReturn | null;
  /** Quantities received back per SKU, so that nothing is returned twice. */
  readonly returnedQuantities: Readonly<Record<string, number>>;
  /** Sum of the refunds asked for; the order is REFUNDED once `refundedTotal` reaches it. */
  readonly refundRequested: Money;
  readonly refundedTotal: Money;
  readonly refundIds: readonly string[];
}

export type OrderState = { readonly status: 'NONE' } | Order;

export const initialState = (): OrderState => ({ status: 'NONE' });

const moveTo = (order: Order, status: OrderStatus, at: string): Order => ({
  ...order,
  status,
  statusHistory: [...order.statusHistory, { status, at }],
});

function placed({ data }: OrderPlaced): Order {
  const currency = data.pricing.total.currency;
  return {
    status: 'PENDING',
    statusHistory: [{ status: 'PENDING', at: data.at }],
    orderId: data.orderId,
    customerId: data.customerId,
    guestEmail: data.guestEmail,
    cartId: data.cartId,
    lines: data.lines,
    couponCode: data.couponCode,
    pricing: data.pricing,
    shippingAddress: data.shippingAddress,
    shippingOption: data.shippingOption,
    cardLast4: data.cardLast4,
    placedAt: data.at,
    paymentId: null,
    rejection: null,
    cancellation: null,
    shipment: null,
    deliveredAt: null,
    openReturn: null,
    returnedQuantities: {},
    refundRequested: zeroOf(currency),
    refundedTotal: zeroOf(currency),
    refundIds: [],
  };
}

/** Built through a Map so that no SKU (not even `__proto__`) can touch the object's prototype. */
function addReturned(returned: Readonly<Record<string, number>>, lines: readonly ReturnLine[]): Record<string, number> {
  const counts = new Map(Object.entries(returned));
  for (const line of lines) counts.set(line.sku, (counts.get(line.sku) ?? 0) + line.quantity);
  return Object.fromEntries(counts);
}

function evolveOrder(order: Order, event: OrderEvent): Order {
  const { at } = event.data;
  switch (event.type) {
    case 'OrderPlaced':
      return order;
    case 'OrderConfirmed':
      return { ...moveTo(order, 'CONFIRMED', at), paymentId: event.data.paymentId };
    case 'OrderRejected':
      return { ...moveTo(order, 'REJECTED', at), rejection: { reason: event.data.reason, details: event.data.details } };
    case 'OrderProcessingStarted':
      return moveTo(order, 'PROCESSING', at);
    case 'OrderShipped':
      return { ...moveTo(order, 'SHIPPED', at), shipment: { carrier: event.data.carrier, trackingNumber: event.data.trackingNumber, at } };
    case 'OrderDelivered':
      return { ...moveTo(order, 'DELIVERED', at), deliveredAt: at };
    case 'OrderCompleted':
      return moveTo(order, 'COMPLETED', at);
    case 'OrderCancelled':
      return { ...moveTo(order, 'CANCELLED', at), cancellation: { reason: event.data.reason, by: event.data.by, at } };
    case 'OrderRefundRequested':
      return { ...moveTo(order, 'REFUND_PENDING', at), refundRequested: addMoney(order.refundRequested, event.data.amount) };
    case 'ReturnRequested': {
      const resumeStatus = order.status === 'COMPLETED' ? 'COMPLETED' : 'DELIVERED';
      const openReturn: OpenReturn = { lines: event.data.lines, reason: event.data.reason, requestedAt: at, resumeStatus };
      return { ...moveTo(order, 'RETURN_REQUESTED', at), openReturn };
    }
    case 'ReturnApproved':
      return moveTo(order, 'RETURN_APPROVED', at);
    case 'ReturnRejected':
      return { ...moveTo(order, order.openReturn?.resumeStatus ?? 'DELIVERED', at), openReturn: null };
    case 'ReturnReceived':
      return {
        ...moveTo(order, 'RETURN_RECEIVED', at),
        openReturn: null,
        returnedQuantities: addReturned(order.returnedQuantities, event.data.lines),
      };
    case 'OrderRefunded': {
      const refunded = { ...order, refundedTotal: event.data.refundedTotal, refundIds: [...order.refundIds, event.data.refundId] };
      // A partial refund keeps the order REFUND_PENDING; reaching what was asked for settles it.
      return refunded.refundedTotal.amount >= order.refundRequested.amount ? moveTo(refunded, 'REFUNDED', at) : refunded;
    }
    default:
      return assertNever(event);
  }
}

/** Events for an order that was never placed are ignored, as is a second OrderPlaced. */
export function evolve(state: OrderState, event: OrderEvent): OrderState {
  if (state.status !== 'NONE') return evolveOrder(state, event);
  return event.type === 'OrderPlaced' ? placed(event) : state;
}
