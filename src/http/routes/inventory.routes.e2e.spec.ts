import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPosition } from '../../eventstore/position.js';
import { startTestApp, type TestApp } from '../testing/http-harness.js';
import { expectProblem, send } from './purchase/purchase.fixtures.js';

describe('inventory routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 60_000);
  afterAll(async () => t?.close());

  const stock = async (sku: string, command: 'ReceiveStock' | 'ReserveStock', quantity: number) => {
    const at = new Date().toISOString();
    const result =
      command === 'ReceiveStock'
        ? await t.system.commands.inventory.send({ type: command, data: { sku, warehouseId: 'main', quantity, at } }, { commandId: randomUUID() })
        : await t.system.commands.inventory.send(
            { type: command, data: { sku, reservationId: randomUUID(), orderId: 'o-1', quantity, expiresAt: new Date(Date.now() + 60_000).toISOString(), at } },
            { commandId: randomUUID() },
          );
    if (!result.ok || !result.position) throw new Error('stock command refused');
    return formatPosition(result.position);
  };

  it('shows on hand, reserved and available to anyone, after a given position', async () => {
    await stock('WIDGET-1', 'ReceiveStock', 10);
    const position = await stock('WIDGET-1', 'ReserveStock', 3);
    const level = await send(t, 'GET', `/api/v1/inventory/WIDGET-1?position=${position}`);
    expect(level.statusCode).toBe(200);
    expect(level.json()).toEqual({ sku: 'WIDGET-1', onHand: 10, reserved: 3, available: 7 });
    expect(level.headers['x-read-position-reached']).toBe('true');
    // Without a position the SKU's stream answers when the read model has not got there yet.
    await stock('WIDGET-2', 'ReceiveStock', 4);
    expect((await send(t, 'GET', '/api/v1/inventory/WIDGET-2')).json()).toMatchObject({ onHand: 4, available: 4 });
  });

  it('answers an unknown SKU with 404 and a malformed one with 400', async () => {
    expectProblem(await send(t, 'GET', '/api/v1/inventory/NEVER-STOCKED'), 404, '/problems/inventory-not-found');
    expectProblem(await send(t, 'GET', `/api/v1/inventory/${encodeURIComponent('bad sku!')}`), 400, '/problems/validation-failed');
    expectProblem(await send(t, 'GET', '/api/v1/inventory/WIDGET-1?position=latest'), 400);
    expectProblem(await send(t, 'GET', '/api/v1/inventory/WIDGET-1?extra=1'), 400);
  });
});
