import { describe, expect, it } from 'vitest';
import { inventoryCommandSchema } from './commands.js';
import { inventoryEventSchema, inventoryStreamName } from './events.js';
import { received, reserve, t0 } from './inventory.fixtures.js';

describe('inventory schemas', () => {
  it('names the stream after the SKU', () => {
    expect(inventoryStreamName('SKU-1')).toBe('inventory-SKU-1');
  });

  it('accepts well-formed commands and events', () => {
    expect(inventoryCommandSchema.parse(reserve('r1', 2))).toEqual(reserve('r1', 2));
    expect(inventoryEventSchema.parse(received(3))).toEqual(received(3));
  });

  it.each([
    ['a zero quantity', { type: 'ReceiveStock', data: { sku: 'SKU-1', warehouseId: 'WH', quantity: 0, at: t0 } }],
    ['a fractional quantity', { type: 'ReceiveStock', data: { sku: 'SKU-1', warehouseId: 'WH', quantity: 1.5, at: t0 } }],
    ['a zero delta', { type: 'AdjustStock', data: { sku: 'SKU-1', delta: 0, reason: 'lost', at: t0 } }],
    ['an unknown reason', { type: 'AdjustStock', data: { sku: 'SKU-1', delta: -1, reason: 'stolen', at: t0 } }],
    ['a SKU that is not stream-safe', { type: 'ExpireReservation', data: { sku: 'SKU 1/x', reservationId: 'r', at: t0 } }],
    ['a time that is not ISO 8601', { type: 'ExpireReservation', data: { sku: 'SKU-1', reservationId: 'r', at: 'yesterday' } }],
  ])('rejects a command with %s', (_, command) => {
    expect(inventoryCommandSchema.safeParse(command).success).toBe(false);
  });
});
