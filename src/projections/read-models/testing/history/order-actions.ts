import { activeReservation, inventoryStreamName } from '../../../../domain/inventory/index.js';
import { orderStreamName, type Order, type OrderLine, type OrderStatus } from '../../../../domain/order/index.js';
import { product } from './catalog-actions.js';
import type { HistoryContext } from './history-context.js';

const ADDRESS = { name: 'Ada Lovelace', line1: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'US' };

async function order(h: HistoryContext, orderId: string): Promise<Order | undefined> {
  const { state } = await h.commands.order.current(orderStreamName(orderId));
  return state.status === 'NONE' ? undefined : state;
}

const orderIn = (h: HistoryContext, statuses: readonly OrderStatus[]) =>
  h.find(h.world.orders, async (id) => statuses.includes((await order(h, id))?.status ?? 'REJECTED'), 12);

const reservationId = (orderId: string, sku: string) => `${orderId}:${sku}`;

async function release(h: HistoryContext, orderId: string, lines: readonly OrderLine[], reason: string): Promise<void> {
  for (const { sku } of lines) {
    await h.send(h.commands.inventory, { type: 'ReleaseReservation', data: { sku, reservationId: reservationId(orderId, sku), reason, at: h.now() } });
  }
}

/** Places the order and reserves its lines, as the checkout saga would; no stock means a rejected order. */
export async function placeOrderFor(
  h: HistoryContext,
  orderId: string,
  customerId: string,
  cartId: string | null,
  lines: readonly OrderLine[],
  couponCode: string | null,
): Promise<void> {
  const currency = lines[0]?.unitPrice.currency ?? 'USD';
  const subtotal = lines.reduce((sum, line) => sum + line.unitPrice.amount * line.quantity, 0);
  const at = h.now();
  const placed = await h.send(h.commands.order, {
    type: 'PlaceOrder',
    data: {
      orderId,
      customerId,
      guestEmail: null,
      cartId,
      lines: [...lines],
      couponCode,
      discount: { amount: couponCode === null ? 0 : Math.floor(subtotal / 10), currency },
      shippingAddress: ADDRESS,
      shippingOption: h.pick(['standard', 'express', 'next_day'] as const)!,
      paymentToken: 'tok_sandbox_approve',
      cardLast4: '4242',
      at,
    },
  });
  if (!placed) return;
  h.world.orders.push(orderId);
  const reserved: OrderLine[] = [];
  for (const line of lines) {
    const expiresAt = h.now(15 * 60_000);
    const data = { sku: line.sku, reservationId: reservationId(orderId, line.sku), orderId, quantity: line.quantity, expiresAt, at };
    if (!(await h.send(h.commands.inventory, { type: 'ReserveStock', data }))) {
      await release(h, orderId, reserved, 'out of stock');
      await h.send(h.commands.order, { type: 'RejectOrder', data: { orderId, reason: 'OUT_OF_STOCK', details: line.sku, at } });
      return;
    }
    reserved.push(line);
  }
}

export async function placeOrder(h: HistoryContext): Promise<void> {
  const lines: OrderLine[] = [];
  for (let i = h.int(1, 3); i > 0; i--) {
    const productId = await h.find(h.world.products, async (id) => (await product(h, id))?.status === 'published');
    const p = productId && (await product(h, productId));
    const variant = p && h.pick(p.variants);
    if (!p || !variant || lines.some((l) => l.sku === variant.sku || l.unitPrice.currency !== variant.price.currency)) continue;
    lines.push({ sku: variant.sku, productId: p.productId, sellerId: p.sellerId, quantity: h.int(1, 3), unitPrice: variant.price });
  }
  if (lines.length === 0) return;
  await placeOrderFor(h, h.nextId('order'), h.pick(h.world.customers)!, null, lines, h.chance(0.2) ? 'SAVE10' : null);
}

/** The payment's answer: mostly confirmed (and the reservations committed), sometimes declined. */
export async function settleOrder(h: HistoryContext): Promise<void> {
  const orderId = await orderIn(h, ['PENDING']);
  const current = orderId && (await order(h, orderId));
  if (!orderId || !current) return;
  const at = h.now();
  if (h.chance(0.15)) {
    await release(h, orderId, current.lines, 'payment declined');
    await h.send(h.commands.order, { type: 'RejectOrder', data: { orderId, reason: 'PAYMENT_DECLINED', at } });
    return;
  }
  await h.send(h.commands.order, { type: 'ConfirmOrder', data: { orderId, paymentId: `pay-${orderId}`, at } });
  for (const { sku } of current.lines) {
    await h.send(h.commands.inventory, { type: 'CommitReservation', data: { sku, reservationId: reservationId(orderId, sku), at } });
  }
}

/** The reservation expiry worker, for an order whose payment takes too long. */
export async function expireReservation(h: HistoryContext): Promise<void> {
  const orderId = await orderIn(h, ['PENDING']);
  const current = orderId && (await order(h, orderId));
  const line = current && h.pick(current.lines);
  if (!orderId || !line) return;
  const { state } = await h.commands.inventory.current(inventoryStreamName(line.sku));
  const id = reservationId(orderId, line.sku);
  const expiresAt = activeReservation(state, id)?.expiresAt;
  if (expiresAt === undefined) return;
  await h.send(h.commands.inventory, { type: 'ExpireReservation', data: { sku: line.sku, reservationId: id, at: expiresAt } });
}

export async function cancelOrder(h: HistoryContext): Promise<void> {
  const orderId = await orderIn(h, ['PENDING', 'CONFIRMED', 'PROCESSING']);
  const current = orderId && (await order(h, orderId));
  if (!orderId || !current) return;
  if (!(await h.send(h.commands.order, { type: 'CancelOrder', data: { orderId, reason: 'changed my mind', by: 'customer', at: h.now() } }))) return;
  if (current.status === 'PENDING') await release(h, orderId, current.lines, 'order cancelled');
}

/** Moves an order one step along fulfilment, returns and refunds. */
export async function progressOrder(h: HistoryContext): Promise<void> {
  const orderId = await orderIn(h, ['CONFIRMED', 'PROCESSING', 'SHIPPED', 'DELIVERED', 'RETURN_REQUESTED', 'RETURN_APPROVED', 'REFUND_PENDING']);
  const current = orderId && (await order(h, orderId));
  if (!orderId || !current) return;
  const at = h.now();
  const send = (command: Parameters<typeof h.commands.order.send>[0]) => h.send(h.commands.order, command);
  switch (current.status) {
    case 'CONFIRMED':
      return void (await send({ type: 'StartProcessing', data: { orderId, at } }));
    case 'PROCESSING':
      return void (await send({ type: 'ShipOrder', data: { orderId, carrier: 'DHL', trackingNumber: `TRK-${orderId}`, at } }));
    case 'SHIPPED':
      return void (await send({ type: 'DeliverOrder', data: { orderId, at } }));
    case 'DELIVERED': {
      if (h.chance(0.6)) return void (await send({ type: 'CompleteOrder', data: { orderId, at } }));
      const line = h.pick(current.lines)!;
      return void (await send({ type: 'RequestReturn', data: { orderId, lines: [{ sku: line.sku, quantity: 1 }], reason: 'not as pictured', at } }));
    }
    case 'RETURN_REQUESTED':
      if (h.chance(0.75)) return void (await send({ type: 'ApproveReturn', data: { orderId, at } }));
      return void (await send({ type: 'RejectReturn', data: { orderId, reason: 'worn', at } }));
    case 'RETURN_APPROVED':
      return void (await send({ type: 'ReceiveReturn', data: { orderId, at } }));
    case 'REFUND_PENDING': {
      const due = current.refundRequested.amount - current.refundedTotal.amount;
      const amount = h.chance(0.3) && due > 1 ? Math.floor(due / 2) : due;
      if (amount <= 0 || current.paymentId === null) return;
      const refund = { orderId, paymentId: current.paymentId, refundId: h.nextId('refund'), amount: { amount, currency: current.refundedTotal.currency }, at };
      return void (await send({ type: 'RecordRefund', data: refund }));
    }
    default:
      return;
  }
}
