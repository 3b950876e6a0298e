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
import { checkoutSteps, createCheckoutSaga, type CheckoutStep } from './checkout-saga.js';
import { fixedNow, placeOrder, receiveStock, stockOf, waitUntilHandled, waitUntilSettled } from './checkout.fixtures.js';

class SimulatedCrash extends Error {}

/**
 * Stops the saga between every pair of its steps, then starts a fresh one (new process: empty
 * caches) against the same store and the same bank. Every order must end confirmed or rejected,
 * no reservation may leak and no card may be authorized twice.
 */
describe('checkout saga survives a crash at every step (postgres)', () => {
  let opened: OpenedStore;
  let store: EventStore;
  let checkpoints: CheckpointStore;
  beforeAll(async () => {
    opened = await sqlStores.find((s) => s.name === 'postgres')!.open();
    store = opened.store;
    checkpoints = createSqlCheckpointStore(opened.db);
  });
  afterAll(() => opened?.dispose());

  it.each(checkoutSteps)('crash after %s', async (crashAfter: CheckoutStep) => {
    const gateway = createSandboxGateway({ now: fixedNow });
    const setup = createCommandHandlers(store);
    const [scarce, plenty] = [`SKU-${randomUUID().slice(0, 8)}`, `SKU-${randomUUID().slice(0, 8)}`];
    await receiveStock(setup, scarce, 3);
    await receiveStock(setup, plenty, 5);

    let crashes = 0;
    const first = runProcessManager(
      createCheckoutSaga({
        commands: createCommandHandlers(store),
        gateway,
        now: fixedNow,
        gatewayRetryDelayMs: 1,
        afterStep: (step) => {
          if (step === crashAfter) {
            crashes++;
            throw new SimulatedCrash(`crash after ${step}`);
          }
        },
      }),
      { store, checkpoints, maxAttempts: 1 },
    );
    const scarceOrders = await Promise.all(Array.from({ length: 4 }, () => placeOrder(setup, [{ sku: scarce, quantity: 1 }], testTokens.approve)));
    const declined = await placeOrder(setup, [{ sku: plenty, quantity: 2 }], testTokens.decline);
    const flaky = await placeOrder(setup, [{ sku: plenty, quantity: 1 }], testTokens.failTwiceThenApprove);
    await expect(first.done).rejects.toBeInstanceOf(SimulatedCrash);
    expect(crashes).toBeGreaterThan(0);

    const second = runProcessManager(createCheckoutSaga({ commands: createCommandHandlers(store), gateway, now: fixedNow, gatewayRetryDelayMs: 1 }), {
      store,
      checkpoints,
    });
    const check = createCommandHandlers(store);
    const states = await waitUntilSettled(check, [...scarceOrders, declined, flaky]);
    await waitUntilHandled(store, checkpoints, [...scarceOrders, declined, flaky]);
    await second.stop();

    const scarceStatuses = scarceOrders.map((id) => states.get(id)!.status).sort();
    expect(scarceStatuses).toEqual(['CONFIRMED', 'CONFIRMED', 'CONFIRMED', 'REJECTED']);
    expect(states.get(declined)).toMatchObject({ status: 'REJECTED', rejection: { reason: 'PAYMENT_DECLINED' } });
    expect(states.get(flaky)).toMatchObject({ status: 'CONFIRMED' });

    const scarceStock = await stockOf(check, scarce);
    const plentyStock = await stockOf(check, plenty);
    expect(scarceStock).toMatchObject({ onHand: 0, reserved: 0, available: 0 });
    expect(plentyStock).toMatchObject({ onHand: 4, reserved: 0, available: 4 });
    expect(activeReservations(scarceStock)).toEqual([]);
    expect(activeReservations(plentyStock)).toEqual([]);
    for (const orderId of [...scarceOrders, declined, flaky]) expect(await gateway.authorizationCount(orderId)).toBeLessThanOrEqual(1);
    for (const orderId of [...scarceOrders.filter((id) => states.get(id)!.status === 'CONFIRMED'), flaky]) {
      expect(await gateway.authorizationCount(orderId)).toBe(1);
    }
  });

  it('a lost gateway response is retried under the same key: one authorization', async () => {
    let lost = 0;
    const gateway = createSandboxGateway({ now: fixedNow, loseResponse: () => lost++ < 1 });
    const commands = createCommandHandlers(store);
    const sku = `SKU-${randomUUID().slice(0, 8)}`;
    await receiveStock(commands, sku, 1);
    const saga = runProcessManager(createCheckoutSaga({ commands, gateway, now: fixedNow, gatewayRetryDelayMs: 1 }), { store, checkpoints });
    const orderId = await placeOrder(commands, [{ sku, quantity: 1 }], testTokens.approve);
    const states = await waitUntilSettled(commands, [orderId]);
    await saga.stop();
    expect(states.get(orderId)?.status).toBe('CONFIRMED');
    expect(lost).toBeGreaterThan(0);
    expect(await gateway.authorizationCount(orderId)).toBe(1);
  });
});
