import { randomUUID } from 'node:crypto';
import { inventoryStreamName } from '../../domain/inventory/index.js';
import { orderStreamName, type OrderState } from '../../domain/order/index.js';
import { comparePositions } from '../../eventstore/position.js';
import type { EventStore } from '../../eventstore/types.js';
import type { CheckpointStore } from '../../projections/checkpoints/checkpoint-store.js';
import type { CommandHandlers } from '../command-handlers.js';

export const fixedNow = () => new Date('2026-11-22T10:00:00.000Z');

export async function receiveStock(commands: CommandHandlers, sku: string, quantity: number): Promise<void> {
  const result = await commands.inventory.send(
    { type: 'ReceiveStock', data: { sku, warehouseId: 'main', quantity, at: fixedNow().toISOString() } },
    { commandId: randomUUID() },
  );
  if (!result.ok) throw new Error(result.error.message);
}

export async function placeOrder(
  commands: CommandHandlers,
  lines: { sku: string; quantity: number; unitPrice?: number }[],
  token: string,
  couponCode: string | null = null,
): Promise<string> {
  const orderId = randomUUID();
  const result = await commands.order.send(
    {
      type: 'PlaceOrder',
      data: {
        orderId,
        customerId: `customer-${orderId.slice(0, 8)}`,
        guestEmail: null,
        cartId: null,
        lines: lines.map((l) => ({
          sku: l.sku,
          productId: `product-${l.sku}`,
          sellerId: 'seller-1',
          quantity: l.quantity,
          unitPrice: { amount: l.unitPrice ?? 1999, currency: 'USD' },
        })),
        couponCode,
        discount: { amount: 0, currency: 'USD' },
        shippingAddress: { name: 'Ada Lovelace', line1: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'US' },
        shippingOption: 'standard',
        paymentToken: token,
        cardLast4: '4242',
        at: fixedNow().toISOString(),
      },
    },
    { commandId: randomUUID() },
  );
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return orderId;
}

export async function orderState(commands: CommandHandlers, orderId: string): Promise<OrderState> {
  return (await commands.order.read(orderStreamName(orderId))).state;
}

/** Polls until every order has left PENDING (or the time runs out, which fails the caller's assertions). */
export async function waitUntilSettled(commands: CommandHandlers, orderIds: readonly string[], timeoutMs = 60_000): Promise<Map<string, OrderState>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const states = new Map(await Promise.all(orderIds.map(async (id) => [id, await orderState(commands, id)] as const)));
    const pending = [...states.values()].filter((s) => s.status === 'PENDING' || s.status === 'NONE');
    if (pending.length === 0 || Date.now() > deadline) return states;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function stockOf(commands: CommandHandlers, sku: string) {
  return (await commands.inventory.read(inventoryStreamName(sku))).state;
}

/**
 * Waits until the saga's checkpoint has passed every one of these orders' `OrderPlaced`: a settled
 * status alone does not mean the saga is done (it commits reservations after confirming).
 */
export async function waitUntilHandled(store: EventStore, checkpoints: CheckpointStore, orderIds: readonly string[], timeoutMs = 60_000): Promise<void> {
  const placed = await Promise.all(orderIds.map(async (id) => (await store.readStream(orderStreamName(id), { maxCount: 1 }))[0]!.position));
  const last = placed.reduce((a, b) => (comparePositions(a, b) >= 0 ? a : b));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const checkpoint = await checkpoints.load('checkout-saga');
    if ((checkpoint && comparePositions(checkpoint, last) >= 0) || Date.now() > deadline) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
