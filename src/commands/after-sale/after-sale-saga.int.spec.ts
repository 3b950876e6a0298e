import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderStreamName, type OrderCommand } from '../../domain/order/index.js';
import { paymentStreamName } from '../../domain/payment/index.js';
import type { EventStore } from '../../eventstore/types.js';
import { createSandboxGateway } from '../../payments/sandbox/sandbox-gateway.js';
import { testTokens } from '../../payments/test-cards.js';
import { createSqlCheckpointStore, type CheckpointStore } from '../../projections/checkpoints/checkpoint-store.js';
import { sqlStores, type OpenedStore } from '../../../test/support/stores.js';
import { checkoutIds } from '../checkout/checkout-ids.js';
import { createCheckoutSaga } from '../checkout/checkout-saga.js';
import { fixedNow, placeOrder, receiveStock, stockOf, waitUntilSettled } from '../checkout/checkout.fixtures.js';
import { createCommandHandlers, type CommandHandlers } from '../command-handlers.js';
import { runProcessManager, type RunningProcessManager } from '../process-managers/process-manager-runner.js';
import { createAfterSaleSaga } from './after-sale-saga.js';

describe('after-sale saga on postgres: capture on shipment, refunds, restock', () => {
  let opened: OpenedStore;
  let store: EventStore;
  let checkpoints: CheckpointStore;
  let commands: CommandHandlers;
  let sagas: RunningProcessManager[];
  const gateway = createSandboxGateway({ now: fixedNow });
  const at = fixedNow().toISOString();

  beforeAll(async () => {
    opened = await sqlStores.find((s) => s.name === 'postgres')!.open();
    store = opened.store;
    checkpoints = createSqlCheckpointStore(opened.db);
    commands = createCommandHandlers(store);
    sagas = [
      runProcessManager(createCheckoutSaga({ commands, gateway, now: fixedNow }), { store, checkpoints }),
      runProcessManager(createAfterSaleSaga({ commands, gateway, now: fixedNow }), { store, checkpoints }),
    ];
  });
  afterAll(async () => {
    await Promise.all(sagas.map((s) => s.stop()));
    await opened?.dispose();
  });

  const send = async (command: OrderCommand) => {
    const result = await commands.order.send(command, { commandId: randomUUID() });
    if (!result.ok) throw new Error(`${command.type}: ${result.error.code}`);
  };
  const eventually = async <T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> => {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const value = await read();
      if (done(value) || Date.now() > deadline) return value;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const order = (orderId: string) => commands.order.read(orderStreamName(orderId)).then((r) => r.state);
  const payment = (orderId: string) => commands.payment.read(paymentStreamName(checkoutIds.paymentId(orderId))).then((r) => r.state);

  it('captures on shipment, then refunds a received return and puts it back in stock', async () => {
    const sku = `SKU-${randomUUID().slice(0, 8)}`;
    await receiveStock(commands, sku, 5);
    const orderId = await placeOrder(commands, [{ sku, quantity: 2, unitPrice: 1000 }], testTokens.approve);
    expect((await waitUntilSettled(commands, [orderId])).get(orderId)?.status).toBe('CONFIRMED');

    await send({ type: 'StartProcessing', data: { orderId, at } });
    await send({ type: 'ShipOrder', data: { orderId, carrier: 'UPS', trackingNumber: '1Z999', at } });
    expect((await eventually(() => payment(orderId), (p) => p.status === 'CAPTURED')).status).toBe('CAPTURED');

    await send({ type: 'DeliverOrder', data: { orderId, at } });
    await send({ type: 'RequestReturn', data: { orderId, lines: [{ sku, quantity: 1 }], reason: 'too small', at } });
    await send({ type: 'ApproveReturn', data: { orderId, at } });
    await send({ type: 'ReceiveReturn', data: { orderId, at } });
    const refunded = await eventually(() => order(orderId), (o) => o.status === 'REFUNDED');
    expect(refunded.status).toBe('REFUNDED');
    expect((await payment(orderId)).status).toBe('PARTIALLY_REFUNDED');
    expect(await eventually(() => stockOf(commands, sku), (s) => s.onHand === 4)).toMatchObject({ onHand: 4, reserved: 0 });
    const [authorization] = await gateway.authorizationsFor(orderId);
    expect(authorization?.refunded.amount).toBeGreaterThan(0);
    expect(authorization?.refunded.amount).toBeLessThan(authorization!.captured.amount);
  });

  it('a return after an admin already refunded everything by hand pays nothing twice and keeps the saga running', async () => {
    const sku = `SKU-${randomUUID().slice(0, 8)}`;
    await receiveStock(commands, sku, 5);
    const orderId = await placeOrder(commands, [{ sku, quantity: 1, unitPrice: 1000 }], testTokens.approve);
    expect((await waitUntilSettled(commands, [orderId])).get(orderId)?.status).toBe('CONFIRMED');
    await send({ type: 'StartProcessing', data: { orderId, at } });
    await send({ type: 'ShipOrder', data: { orderId, carrier: 'UPS', trackingNumber: '1Z998', at } });
    const captured = await eventually(() => payment(orderId), (p) => p.status === 'CAPTURED');

    // What POST /payments/{id}/refund does: the whole captured amount back, by hand.
    const idempotencyKey = `${orderId}/manual-refund/test`;
    if (captured.status !== 'CAPTURED') throw new Error('not captured');
    await gateway.refund({ idempotencyKey, authorizationId: captured.gatewayAuthorizationId!, amount: captured.captured });
    const manual = await commands.payment.send(
      { type: 'RefundPayment', data: { paymentId: captured.paymentId, amount: captured.captured, idempotencyKey, at } },
      { commandId: randomUUID() },
    );
    expect(manual.ok).toBe(true);

    await send({ type: 'DeliverOrder', data: { orderId, at } });
    await send({ type: 'RequestReturn', data: { orderId, lines: [{ sku, quantity: 1 }], reason: 'broken', at } });
    await send({ type: 'ApproveReturn', data: { orderId, at } });
    await send({ type: 'ReceiveReturn', data: { orderId, at } });
    expect((await eventually(() => order(orderId), (o) => o.status === 'REFUNDED')).status).toBe('REFUNDED');
    const [authorization] = await gateway.authorizationsFor(orderId);
    expect(authorization?.refunded.amount).toBe(authorization?.captured.amount);

    // The saga is still alive: the next order is handled.
    const next = await placeOrder(commands, [{ sku, quantity: 1, unitPrice: 1000 }], testTokens.approve);
    expect((await waitUntilSettled(commands, [next])).get(next)?.status).toBe('CONFIRMED');
    await send({ type: 'CancelOrder', data: { orderId: next, reason: 'changed my mind', by: 'customer', at } });
    expect((await eventually(() => order(next), (o) => o.status === 'REFUNDED')).status).toBe('REFUNDED');
  });

  it('a confirmed order cancelled before shipping is voided, marked refunded and restocked', async () => {
    const sku = `SKU-${randomUUID().slice(0, 8)}`;
    await receiveStock(commands, sku, 5);
    const orderId = await placeOrder(commands, [{ sku, quantity: 3 }], testTokens.approve);
    expect((await waitUntilSettled(commands, [orderId])).get(orderId)?.status).toBe('CONFIRMED');
    await eventually(() => stockOf(commands, sku), (s) => s.onHand === 2);

    await send({ type: 'CancelOrder', data: { orderId, reason: 'no longer needed', by: 'customer', at } });
    expect((await eventually(() => order(orderId), (o) => o.status === 'REFUNDED')).status).toBe('REFUNDED');
    expect((await payment(orderId)).status).toBe('VOIDED');
    expect(await eventually(() => stockOf(commands, sku), (s) => s.onHand === 5)).toMatchObject({ onHand: 5, reserved: 0, available: 5 });
    expect((await gateway.authorizationsFor(orderId))[0]?.status).toBe('voided');
  });
});
