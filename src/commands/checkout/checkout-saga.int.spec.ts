import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeReservations } from '../../domain/inventory/index.js';
import type { EventStore } from '../../eventstore/types.js';
import { createSandboxGateway } from '../../payments/sandbox/sandbox-gateway.js';
import { testTokens } from '../../payments/test-cards.js';
import { createSqlCheckpointStore, type CheckpointStore } from '../../projections/checkpoints/checkpoint-store.js';
import { sqlStores, type OpenedStore } from '../../../test/support/stores.js';
import { createCommandHandlers } from '../command-handlers.js';
import { runProcessManager } from '../process-managers/process-manager-runner.js';
import { createCheckoutSaga } from './checkout-saga.js';
import { fixedNow, placeOrder, receiveStock, stockOf, waitUntilHandled, waitUntilSettled } from './checkout.fixtures.js';

describe('checkout saga on postgres', () => {
  let opened: OpenedStore;
  let store: EventStore;
  let checkpoints: CheckpointStore;
  beforeAll(async () => {
    opened = await sqlStores.find((s) => s.name === 'postgres')!.open();
    store = opened.store;
    checkpoints = createSqlCheckpointStore(opened.db);
  });
  afterAll(() => opened?.dispose());

  it('200 concurrent checkouts of one SKU with 50 units: 50 confirmed, 150 rejected OUT_OF_STOCK, nothing left reserved', async () => {
    const commands = createCommandHandlers(store);
    const gateway = createSandboxGateway({ now: fixedNow });
    const sku = `SKU-${randomUUID().slice(0, 8)}`;
    await receiveStock(commands, sku, 50);
    const saga = runProcessManager(createCheckoutSaga({ commands, gateway, now: fixedNow }), { store, checkpoints });
    const orderIds = await Promise.all(Array.from({ length: 200 }, () => placeOrder(commands, [{ sku, quantity: 1 }], testTokens.approve)));
    const states = await waitUntilSettled(commands, orderIds);
    await waitUntilHandled(store, checkpoints, orderIds);
    await saga.stop();

    const statuses = [...states.values()].map((s) => s.status);
    expect(statuses.filter((s) => s === 'CONFIRMED')).toHaveLength(50);
    expect(statuses.filter((s) => s === 'REJECTED')).toHaveLength(150);
    for (const state of states.values()) {
      if (state.status === 'REJECTED') expect(state.rejection?.reason).toBe('OUT_OF_STOCK');
    }
    const stock = await stockOf(commands, sku);
    expect(stock).toMatchObject({ onHand: 0, reserved: 0, available: 0 });
    expect(activeReservations(stock)).toEqual([]);
    for (const orderId of orderIds) expect(await gateway.authorizationCount(orderId)).toBeLessThanOrEqual(1);
  });

  it('a declined card releases the stock and rejects the order with PAYMENT_DECLINED; a flaky gateway is retried', async () => {
    const commands = createCommandHandlers(store);
    const gateway = createSandboxGateway({ now: fixedNow });
    const sku = `SKU-${randomUUID().slice(0, 8)}`;
    await receiveStock(commands, sku, 10);
    const saga = runProcessManager(createCheckoutSaga({ commands, gateway, now: fixedNow, gatewayRetryDelayMs: 1 }), { store, checkpoints });
    const declined = await placeOrder(commands, [{ sku, quantity: 2 }], testTokens.decline);
    const flaky = await placeOrder(commands, [{ sku, quantity: 3 }], testTokens.failTwiceThenApprove);
    const unavailable = await placeOrder(commands, [{ sku, quantity: 1 }], testTokens.alwaysTransient);
    const states = await waitUntilSettled(commands, [declined, flaky, unavailable]);
    await waitUntilHandled(store, checkpoints, [declined, flaky, unavailable]);
    await saga.stop();

    expect(states.get(declined)).toMatchObject({ status: 'REJECTED', rejection: { reason: 'PAYMENT_DECLINED' } });
    expect(states.get(flaky)).toMatchObject({ status: 'CONFIRMED' });
    expect(states.get(unavailable)).toMatchObject({ status: 'REJECTED', rejection: { reason: 'PAYMENT_FAILED' } });
    expect(await stockOf(commands, sku)).toMatchObject({ onHand: 7, reserved: 0, available: 7 });
    expect(await gateway.authorizationCount(flaky)).toBe(1);
  });

  it('an order cancelled while its payment is being authorized gets its stock back and its authorization voided', async () => {
    const commands = createCommandHandlers(store);
    const gateway = createSandboxGateway({ now: fixedNow });
    const sku = `SKU-${randomUUID().slice(0, 8)}`;
    await receiveStock(commands, sku, 5);
    const saga = runProcessManager(
      createCheckoutSaga({
        commands,
        gateway,
        now: fixedNow,
        afterStep: async (step, orderId) => {
          if (step !== 'gateway-answered') return;
          const cancelled = await commands.order.send(
            { type: 'CancelOrder', data: { orderId, reason: 'changed my mind', by: 'customer', at: fixedNow().toISOString() } },
            { commandId: `${orderId}/cancel` },
          );
          expect(cancelled.ok).toBe(true);
        },
      }),
      { store, checkpoints },
    );
    const orderId = await placeOrder(commands, [{ sku, quantity: 2 }], testTokens.approve);
    await waitUntilSettled(commands, [orderId]);
    await waitUntilHandled(store, checkpoints, [orderId]);
    await saga.stop();

    expect((await commands.order.read(`order-${orderId}`)).state.status).toBe('CANCELLED');
    expect(await stockOf(commands, sku)).toMatchObject({ onHand: 5, reserved: 0, available: 5 });
    const [authorization] = await gateway.authorizationsFor(orderId);
    expect(authorization?.status).toBe('voided');
  });
});
