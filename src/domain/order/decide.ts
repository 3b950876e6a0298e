import { addDays, addMoney, assertNever, isAfter, money, type Decision, type DomainError } from '../shared/index.js';
import type { CancelOrder, OrderCommand, ReceiveReturn, RecordRefund, RequestReturn } from './commands.js';
import { orderError, type OrderErrorCode } from './errors.js';
import type { OrderEvent } from './events.js';
import { placeOrder } from './place-order.js';
import { checkReturnLines, RETURN_WINDOW_DAYS, returnValue } from './returns.js';
import type { Order, OrderState } from './state.js';
import { canTransition, type OrderStatus } from './transitions.js';

type Decided = Decision<OrderEvent>;

const illegal = (order: Order, command: OrderCommand['type']): DomainError<OrderErrorCode> =>
  orderError('ILLEGAL_TRANSITION', `${command} is not allowed on an order that is ${order.status}`, { from: order.status, command });

/** Every status change goes through the transition table; nothing else decides legality. */
const to = (order: Order, status: OrderStatus, command: OrderCommand['type'], events: () => Decided): Decided =>
  canTransition(order.status, status) ? events() : illegal(order, command);

const reached = (order: Order, status: OrderStatus): boolean => order.statusHistory.some((change) => change.status === status);

/** Paid orders are refunded in the same decision that cancels them: CANCELLED then REFUND_PENDING. */
function cancel({ data }: CancelOrder, order: Order): Decided {
  if (order.cancellation !== null) return [];
  return to(order, 'CANCELLED', 'CancelOrder', () => {
    const cancelled: OrderEvent = { type: 'OrderCancelled', data };
    const paid = order.paymentId !== null && order.pricing.total.amount > 0;
    if (!paid) return [cancelled];
    const refund: OrderEvent = {
      type: 'OrderRefundRequested',
      data: { orderId: data.orderId, paymentId: order.paymentId, amount: order.pricing.total, reason: 'CANCELLATION', at: data.at },
    };
    return [cancelled, refund];
  });
}

function requestReturn({ data }: RequestReturn, order: Order): Decided {
  return to(order, 'RETURN_REQUESTED', 'RequestReturn', () => {
    const deadline = addDays(order.deliveredAt ?? order.placedAt, RETURN_WINDOW_DAYS);
    if (isAfter(data.at, deadline)) {
      return orderError('RETURN_WINDOW_CLOSED', `returns closed ${RETURN_WINDOW_DAYS} days after delivery`, {
        deliveredAt: order.deliveredAt,
        deadline,
      });
    }
    return checkReturnLines(order.lines, order.returnedQuantities, data.lines) ?? [{ type: 'ReturnRequested', data }];
  });
}

/** Receiving the goods asks for their refund in the same decision, capped at what is left to refund. */
function receiveReturn({ data }: ReceiveReturn, order: Order): Decided {
  const { openReturn, paymentId } = order;
  if (openReturn === null || !canTransition(order.status, 'RETURN_RECEIVED')) return illegal(order, 'ReceiveReturn');
  const received: OrderEvent = { type: 'ReturnReceived', data: { ...data, lines: [...openReturn.lines] } };
  const value = returnValue(order.lines, order.pricing, openReturn.lines);
  const amount = Math.min(value.amount, order.pricing.total.amount - order.refundRequested.amount);
  // Nothing to give back (free items, or already refunded in full): the order rests at RETURN_RECEIVED.
  if (amount <= 0 || paymentId === null) return [received];
  const refund: OrderEvent = {
    type: 'OrderRefundRequested',
    data: { orderId: data.orderId, paymentId, amount: money(amount, value.currency), reason: 'RETURN', at: data.at },
  };
  return [received, refund];
}

function recordRefund({ data }: RecordRefund, order: Order): Decided {
  if (order.refundIds.includes(data.refundId)) return [];
  if (order.status !== 'REFUND_PENDING') return illegal(order, 'RecordRefund');
  if (data.paymentId !== order.paymentId) {
    return orderError('PAYMENT_MISMATCH', `order ${order.orderId} was paid with ${order.paymentId}`, { paymentId: order.paymentId });
  }
  const { total } = order.pricing;
  if (data.amount.currency !== total.currency) {
    return orderError('CURRENCY_MISMATCH', `the order is in ${total.currency}`, { expected: total.currency, actual: data.amount.currency });
  }
  if (data.amount.amount <= 0) return orderError('INVALID_AMOUNT', 'a refund is a positive amount', { amount: data.amount });
  const refundedTotal = addMoney(order.refundedTotal, data.amount);
  if (refundedTotal.amount > total.amount) {
    return orderError('REFUND_EXCEEDS_TOTAL', 'refunds never exceed the order total', { total, refundedTotal: order.refundedTotal });
  }
  return [{ type: 'OrderRefunded', data: { ...data, refundedTotal } }];
}

function decideForOrder(command: Exclude<OrderCommand, { type: 'PlaceOrder' }>, order: Order): Decided {
  switch (command.type) {
    case 'ConfirmOrder':
      if (order.paymentId === command.data.paymentId) return [];
      return to(order, 'CONFIRMED', command.type, () => [{ type: 'OrderConfirmed', data: command.data }]);
    case 'RejectOrder':
      if (order.status === 'REJECTED') return [];
      return to(order, 'REJECTED', command.type, () => [
        { type: 'OrderRejected', data: { ...command.data, details: command.data.details ?? null } },
      ]);
    case 'StartProcessing':
      if (reached(order, 'PROCESSING')) return [];
      return to(order, 'PROCESSING', command.type, () => [{ type: 'OrderProcessingStarted', data: command.data }]);
    case 'ShipOrder': {
      const { shipment } = order;
      if (shipment?.carrier === command.data.carrier && shipment.trackingNumber === command.data.trackingNumber) return [];
      return to(order, 'SHIPPED', command.type, () => [{ type: 'OrderShipped', data: command.data }]);
    }
    case 'DeliverOrder':
      if (order.deliveredAt !== null) return [];
      return to(order, 'DELIVERED', command.type, () => [{ type: 'OrderDelivered', data: command.data }]);
    case 'CompleteOrder':
      if (reached(order, 'COMPLETED')) return [];
      return to(order, 'COMPLETED', command.type, () => [{ type: 'OrderCompleted', data: command.data }]);
    case 'CancelOrder':
      return cancel(command, order);
    case 'RequestReturn':
      return requestReturn(command, order);
    case 'ApproveReturn':
      if (order.status === 'RETURN_APPROVED') return [];
      return to(order, 'RETURN_APPROVED', command.type, () => [{ type: 'ReturnApproved', data: command.data }]);
    case 'RejectReturn':
      if (order.openReturn === null || order.status !== 'RETURN_REQUESTED') return illegal(order, command.type);
      return to(order, order.openReturn.resumeStatus, command.type, () => [{ type: 'ReturnRejected', data: command.data }]);
    case 'ReceiveReturn':
      return receiveReturn(command, order);
    case 'RecordRefund':
      return recordRefund(command, order);
    default:
      return assertNever(command);
  }
}

export function decide(command: OrderCommand, state: OrderState): Decision<OrderEvent> {
  if (command.type === 'PlaceOrder') return placeOrder(command, state);
  const { orderId } = command.data;
  if (state.status === 'NONE') return orderError('ORDER_NOT_FOUND', `order ${orderId} does not exist`, { orderId });
  return decideForOrder(command, state);
}
