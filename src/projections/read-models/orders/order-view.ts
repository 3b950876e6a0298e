import type {
  OrderEvent,
  OrderLine,
  OrderPlaced,
  OrderPricing,
  OrderStatus,
  RejectionReason,
  ReturnLine,
  ShippingAddress,
  ShippingOption,
} from '../../../domain/order/index.js';
import type { Money } from '../../../domain/shared/index.js';

export interface OrderReturn {
  readonly lines: readonly ReturnLine[];
  readonly reason: string;
  readonly requestedAt: string;
  readonly status: 'REQUESTED' | 'APPROVED' | 'REJECTED' | 'RECEIVED';
  readonly rejectionReason: string | null;
  readonly resolvedAt: string | null;
  /** Where a rejected return sends the order back to, as the aggregate decides it. */
  readonly resumeStatus: 'DELIVERED' | 'COMPLETED';
}

/** What OrderPlaced says and nothing changes afterwards: written once. */
export interface OrderPlacement {
  readonly orderId: string;
  readonly customerId: string | null;
  readonly guestEmail: string | null;
  readonly cartId: string | null;
  readonly lines: readonly OrderLine[];
  readonly itemCount: number;
  readonly couponCode: string | null;
  readonly pricing: OrderPricing;
  readonly shippingAddress: ShippingAddress;
  readonly shippingOption: ShippingOption;
  readonly cardLast4: string;
  readonly placedAt: string;
}

/** What happens to the order after placement: the only part each later event rewrites. */
export interface OrderProgress {
  readonly status: OrderStatus;
  readonly statusHistory: readonly { readonly status: OrderStatus; readonly at: string }[];
  readonly paymentId: string | null;
  readonly updatedAt: string;
  readonly rejection: { readonly reason: RejectionReason; readonly details: string | null; readonly at: string } | null;
  readonly cancellation: { readonly reason: string; readonly by: string; readonly at: string } | null;
  readonly shipment: {
    readonly carrier: string;
    readonly trackingNumber: string;
    readonly shippedAt: string;
    readonly deliveredAt: string | null;
  } | null;
  readonly returns: readonly OrderReturn[];
  readonly refundRequests: readonly { readonly amount: Money; readonly reason: 'CANCELLATION' | 'RETURN'; readonly at: string }[];
  readonly refunds: readonly { readonly refundId: string; readonly paymentId: string; readonly amount: Money; readonly at: string }[];
  readonly refundRequested: Money;
  readonly refundedTotal: Money;
}

/** One order as its customer and support staff see it. */
export type OrderView = OrderPlacement & OrderProgress;

export function placementOf({ data }: OrderPlaced): OrderPlacement {
  return {
    orderId: data.orderId,
    customerId: data.customerId,
    guestEmail: data.guestEmail,
    cartId: data.cartId,
    lines: data.lines,
    itemCount: data.lines.reduce((sum, line) => sum + line.quantity, 0),
    couponCode: data.couponCode,
    pricing: data.pricing,
    shippingAddress: data.shippingAddress,
    shippingOption: data.shippingOption,
    // The payment token stays in the event, for the saga: a read model never shows it.
    cardLast4: data.cardLast4,
    placedAt: data.at,
  };
}

function placed({ data }: OrderPlaced): OrderProgress {
  const currency = data.pricing.total.currency;
  return {
    status: 'PENDING',
    statusHistory: [{ status: 'PENDING', at: data.at }],
    paymentId: null,
    updatedAt: data.at,
    rejection: null,
    cancellation: null,
    shipment: null,
    returns: [],
    refundRequests: [],
    refunds: [],
    refundRequested: { amount: 0, currency },
    refundedTotal: { amount: 0, currency },
  };
}

const moveTo = (order: OrderProgress, status: OrderStatus, at: string): OrderProgress => ({
  ...order,
  status,
  statusHistory: [...order.statusHistory, { status, at }],
});

/** Replaces the open (last) return, which is the one every return event is about. */
function withOpenReturn(order: OrderProgress, update: (open: OrderReturn) => OrderReturn): OrderProgress {
  const open = order.returns.at(-1);
  return open === undefined ? order : { ...order, returns: [...order.returns.slice(0, -1), update(open)] };
}

function evolveOrder(order: OrderProgress, event: OrderEvent): OrderProgress {
  const { at } = event.data;
  switch (event.type) {
    case 'OrderPlaced':
      return order;
    case 'OrderConfirmed':
      return { ...moveTo(order, 'CONFIRMED', at), paymentId: event.data.paymentId };
    case 'OrderRejected':
      return { ...moveTo(order, 'REJECTED', at), rejection: { reason: event.data.reason, details: event.data.details, at } };
    case 'OrderProcessingStarted':
      return moveTo(order, 'PROCESSING', at);
    case 'OrderShipped': {
      const { carrier, trackingNumber } = event.data;
      return { ...moveTo(order, 'SHIPPED', at), shipment: { carrier, trackingNumber, shippedAt: at, deliveredAt: null } };
    }
    case 'OrderDelivered':
      return { ...moveTo(order, 'DELIVERED', at), shipment: order.shipment && { ...order.shipment, deliveredAt: at } };
    case 'OrderCompleted':
      return moveTo(order, 'COMPLETED', at);
    case 'OrderCancelled':
      return { ...moveTo(order, 'CANCELLED', at), cancellation: { reason: event.data.reason, by: event.data.by, at } };
    case 'OrderRefundRequested': {
      const { amount, reason } = event.data;
      const refundRequested = { ...order.refundRequested, amount: order.refundRequested.amount + amount.amount };
      return { ...moveTo(order, 'REFUND_PENDING', at), refundRequested, refundRequests: [...order.refundRequests, { amount, reason, at }] };
    }
    case 'ReturnRequested': {
      const resumeStatus = order.status === 'COMPLETED' ? 'COMPLETED' : 'DELIVERED';
      const opened: OrderReturn = {
        lines: event.data.lines,
        reason: event.data.reason,
        requestedAt: at,
        status: 'REQUESTED',
        rejectionReason: null,
        resolvedAt: null,
        resumeStatus,
      };
      return { ...moveTo(order, 'RETURN_REQUESTED', at), returns: [...order.returns, opened] };
    }
    case 'ReturnApproved':
      return withOpenReturn(moveTo(order, 'RETURN_APPROVED', at), (open) => ({ ...open, status: 'APPROVED' }));
    case 'ReturnRejected': {
      const resume = order.returns.at(-1)?.resumeStatus ?? 'DELIVERED';
      const rejected = (open: OrderReturn): OrderReturn => ({ ...open, status: 'REJECTED', rejectionReason: event.data.reason, resolvedAt: at });
      return withOpenReturn(moveTo(order, resume, at), rejected);
    }
    case 'ReturnReceived':
      return withOpenReturn(moveTo(order, 'RETURN_RECEIVED', at), (open) => ({ ...open, status: 'RECEIVED', resolvedAt: at }));
    case 'OrderRefunded': {
      const { refundId, paymentId, amount, refundedTotal } = event.data;
      const refunded = { ...order, refundedTotal, refunds: [...order.refunds, { refundId, paymentId, amount, at }] };
      // A partial refund keeps the order REFUND_PENDING; reaching what was asked for settles it.
      return refundedTotal.amount >= order.refundRequested.amount ? moveTo(refunded, 'REFUNDED', at) : refunded;
    }
  }
}

/** Events for an order never placed are ignored, as the aggregate's `evolve` does. */
export function evolveOrderProgress(order: OrderProgress | undefined, event: OrderEvent): OrderProgress | undefined {
  if (order === undefined) return event.type === 'OrderPlaced' ? placed(event) : undefined;
  if (event.type === 'OrderPlaced') return order;
  return { ...evolveOrder(order, event), updatedAt: event.data.at };
}
