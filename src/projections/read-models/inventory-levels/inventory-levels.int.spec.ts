import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlStores } from '../../../../test/support/stores.js';
import type { InventoryCommand } from '../../../domain/inventory/index.js';
import { hours, receiveStock, reserveStock } from '../testing/commands.fixtures.js';
import { context, ok, openReadModelTestKit, type ReadModelTestKit } from '../testing/read-model-test-kit.js';
import { inventoryLevelsProjection } from './inventory-levels-projection.js';
import { getInventory, listLowStock } from './inventory-levels-queries.js';

describe.each(sqlStores)('inventory levels on $name', ({ open }) => {
  let kit: ReadModelTestKit;
  const send = (command: InventoryCommand) => ok(kit.commands.inventory.send(command, context()));

  beforeAll(async () => {
    kit = await openReadModelTestKit(open, [inventoryLevelsProjection]);
  });
  afterAll(() => kit?.dispose());

  it('keeps on hand, reserved and available per SKU through reservations', async () => {
    await send(receiveStock('LVL-1', 10));
    await send(reserveStock('LVL-1', 'r1', 3));
    await send(reserveStock('LVL-1', 'r2', 2));
    await send({ type: 'CommitReservation', data: { sku: 'LVL-1', reservationId: 'r1', at: hours(1) } });
    await send({ type: 'ReleaseReservation', data: { sku: 'LVL-1', reservationId: 'r2', reason: 'payment declined', at: hours(1) } });
    await send({ type: 'AdjustStock', data: { sku: 'LVL-1', delta: -1, reason: 'damaged', at: hours(2) } });
    await kit.settle();

    expect(await getInventory(kit.db, 'LVL-1')).toMatchObject({ sku: 'LVL-1', onHand: 6, reserved: 0, available: 6, updatedAt: hours(2) });
    expect(await getInventory(kit.db, 'NOPE')).toBeUndefined();
  });

  it('lists an SKU as low from LowStockDetected until it recovers above the threshold', async () => {
    await send(receiveStock('LOW-1', 10));
    await send({ type: 'SetLowStockThreshold', data: { sku: 'LOW-1', threshold: 5, at: hours(0) } });
    await send(receiveStock('LOW-2', 10));
    await send({ type: 'SetLowStockThreshold', data: { sku: 'LOW-2', threshold: 3, at: hours(0) } });
    await send(reserveStock('LOW-1', 'low-r1', 6, hours(1)));
    await send(reserveStock('LOW-2', 'low-r2', 8, hours(2)));
    await kit.settle();

    const low = await listLowStock(kit.db);
    expect(low.items.filter((e) => e.sku.startsWith('LOW-'))).toEqual([
      { sku: 'LOW-2', available: 2, onHand: 10, reserved: 8, threshold: 3, since: hours(2) },
      { sku: 'LOW-1', available: 4, onHand: 10, reserved: 6, threshold: 5, since: hours(1) },
    ]);

    await send(receiveStock('LOW-1', 2, hours(3)));
    await kit.settle();
    const after = await listLowStock(kit.db);
    expect(after.items.map((e) => e.sku)).not.toContain('LOW-1');
    expect(after.items.map((e) => e.sku)).toContain('LOW-2');
    expect((await getInventory(kit.db, 'LOW-1'))?.lowStockSince).toBeNull();
  });

  it('pages the low-stock list with a cursor', async () => {
    for (const sku of ['PG-A', 'PG-B', 'PG-C']) {
      await send(receiveStock(sku, 1));
      await send({ type: 'SetLowStockThreshold', data: { sku, threshold: 1, at: hours(1) } });
    }
    await kit.settle();
    const all = await listLowStock(kit.db, { limit: 100 });
    const first = await listLowStock(kit.db, { limit: 2 });
    const second = await listLowStock(kit.db, { limit: 100, cursor: first.nextCursor! });
    expect([...first.items, ...second.items]).toEqual(all.items);
    expect(second.nextCursor).toBeNull();
  });
});
