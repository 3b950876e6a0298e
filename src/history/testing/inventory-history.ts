import { randomUUID } from 'node:crypto';
import { createCommandHandlers } from '../../commands/command-handlers.js';
import type { InventoryCommand } from '../../domain/inventory/index.js';
import type { EventStore } from '../../eventstore/types.js';

const at = '2026-03-01T10:00:00.000Z';
const expiresAt = '2026-03-01T10:15:00.000Z';

/**
 * A SKU's life through the real command side, one command at a time with a pause between them so
 * that each append has its own recording time: receive 10, threshold 3, reserve 4 + 5 (low stock),
 * commit the 4, release the 5, write off 1. Ends on hand 5, reserved 0, at revision 7.
 */
export async function writeInventoryHistory(store: EventStore, sku: string, pauseMs = 15): Promise<void> {
  const inventory = createCommandHandlers(store).inventory;
  const commands: InventoryCommand[] = [
    { type: 'ReceiveStock', data: { sku, warehouseId: 'wh-1', quantity: 10, at } },
    { type: 'SetLowStockThreshold', data: { sku, threshold: 3, at } },
    { type: 'ReserveStock', data: { sku, reservationId: 'r1', orderId: 'o1', quantity: 4, expiresAt, at } },
    { type: 'ReserveStock', data: { sku, reservationId: 'r2', orderId: 'o2', quantity: 5, expiresAt, at } },
    { type: 'CommitReservation', data: { sku, reservationId: 'r1', at } },
    { type: 'ReleaseReservation', data: { sku, reservationId: 'r2', reason: 'order cancelled', at } },
    { type: 'AdjustStock', data: { sku, delta: -1, reason: 'damaged', at } },
  ];
  for (const command of commands) {
    const result = await inventory.send(command, { commandId: randomUUID() });
    if (!result.ok) throw new Error(`${command.type} was rejected: ${result.error.message}`);
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
}
