import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold, isDomainError } from '../shared/index.js';
import type { InventoryCommand } from './commands.js';
import { decide } from './decide.js';
import type { InventoryDecision } from './decide.js';
import { decideMany } from './decide-many.js';
import { adjustmentReasons, inventoryEventSchema } from './events.js';
import type { InventoryEvent } from './events.js';
import { activeReservations, evolve, initialState } from './state.js';
import type { InventoryState } from './state.js';

const sku = 'HOT-1';
const base = Date.parse('2025-03-01T10:00:00.000Z');
const minute = 60_000;
const iso = (minutes: number): string => new Date(base + minutes * minute).toISOString();

// A small pool so that ids repeat: a buyer's retry carries the same terms (derived from the id);
// the occasional reserve with random terms is a colliding id.
const reservationNumber = fc.integer({ min: 0, max: 24 });
const reservationId = reservationNumber.map((n) => `res-${n}`);
const termsOf = (n: number) => ({ reservationId: `res-${n}`, orderId: `order-${n % 7}`, quantity: 1 + (n % 5) });
const at = fc.integer({ min: 0, max: 60 });

const command: fc.Arbitrary<InventoryCommand> = fc.oneof(
  fc.record({ quantity: fc.integer({ min: 1, max: 40 }), at }).map(({ quantity, at }): InventoryCommand => ({
    type: 'ReceiveStock',
    data: { sku, warehouseId: 'WH-1', quantity, at: iso(at) },
  })),
  fc
    .record({
      delta: fc.integer({ min: -30, max: 30 }).filter((d) => d !== 0),
      reason: fc.constantFrom(...adjustmentReasons),
      at,
    })
    .map(({ delta, reason, at }): InventoryCommand => ({ type: 'AdjustStock', data: { sku, delta, reason, at: iso(at) } })),
  fc
    .record({ threshold: fc.integer({ min: 0, max: 15 }), at })
    .map(({ threshold, at }): InventoryCommand => ({ type: 'SetLowStockThreshold', data: { sku, threshold, at: iso(at) } })),
  ...Array.from({ length: 3 }, () =>
    fc.record({ n: reservationNumber, at, ttl: fc.integer({ min: -2, max: 30 }) }).map(({ n, at, ttl }): InventoryCommand => ({
      type: 'ReserveStock',
      data: { sku, ...termsOf(n), at: iso(at), expiresAt: iso(at + ttl) },
    })),
  ),
  fc
    .record({ reservationId, orderId: fc.constantFrom('order-0', 'order-x'), quantity: fc.integer({ min: 1, max: 6 }), at })
    .map(({ reservationId, orderId, quantity, at }): InventoryCommand => ({
      type: 'ReserveStock',
      data: { sku, reservationId, orderId, quantity, at: iso(at), expiresAt: iso(at + 15) },
    })),
  fc.record({ reservationId, at }).map(({ reservationId, at }): InventoryCommand => ({
    type: 'ReleaseReservation',
    data: { sku, reservationId, reason: 'cancelled', at: iso(at) },
  })),
  fc
    .record({ reservationId, at: fc.integer({ min: 0, max: 100 }) })
    .map(({ reservationId, at }): InventoryCommand => ({ type: 'ExpireReservation', data: { sku, reservationId, at: iso(at) } })),
  fc
    .record({ reservationId, at })
    .map(({ reservationId, at }): InventoryCommand => ({ type: 'CommitReservation', data: { sku, reservationId, at: iso(at) } })),
);

const commands = fc.array(command, { minLength: 1, maxLength: 120, size: 'medium' });
const eventsOf = (decision: InventoryDecision): readonly InventoryEvent[] => (isDomainError(decision) ? [] : decision);

/** The broken invariants, if any, by name: cheaper than an `expect` per check over thousands of steps. */
function violations(state: InventoryState): string[] {
  const activeSum = activeReservations(state).reduce((sum, reservation) => sum + reservation.quantity, 0);
  const checks: [string, boolean][] = [
    ['available >= 0', state.available >= 0],
    ['reserved >= 0', state.reserved >= 0],
    ['onHand = available + reserved', state.onHand === state.available + state.reserved],
    ['reserved = sum of active reservations', state.reserved === activeSum],
  ];
  const counters = `onHand ${state.onHand}, reserved ${state.reserved}, available ${state.available}`;
  return checks.filter(([, holds]) => !holds).map(([name]) => `${name} broken: ${counters}`);
}

describe('inventory invariants under random traffic from many buyers', () => {
  it('never oversells: counters stay consistent after every accepted command', () => {
    fc.assert(
      fc.property(commands, (cmds) => {
        let state = initialState();
        const broken: string[] = [];
        for (const cmd of cmds) {
          const events = eventsOf(decide(cmd, state));
          if (cmd.type === 'ReserveStock' && events.length > 0 && cmd.data.quantity > state.available) {
            broken.push(`reserved ${cmd.data.quantity} of ${state.available} available`);
          }
          state = fold(evolve, state, events);
          broken.push(...violations(state));
        }
        expect(broken).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });

  it('treats an accepted reservation command, sent again, as already done', () => {
    fc.assert(
      fc.property(commands, (cmds) => {
        let state = initialState();
        for (const cmd of cmds) {
          const events = eventsOf(decide(cmd, state));
          state = fold(evolve, state, events);
          const isReservationCommand = !['ReceiveStock', 'AdjustStock', 'SetLowStockThreshold'].includes(cmd.type);
          if (isReservationCommand && events.length > 0) expect(decide(cmd, state)).toEqual([]);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('decides a batch exactly as it decides the same commands one by one', () => {
    fc.assert(
      fc.property(commands, commands, (history, batch) => {
        const start = fold(evolve, initialState(), decideMany(history, initialState()).events);
        let state = start;
        const decisions: InventoryDecision[] = [];
        for (const cmd of batch) {
          const decision = decide(cmd, state);
          decisions.push(decision);
          state = fold(evolve, state, eventsOf(decision));
        }
        const result = decideMany(batch, start);
        expect(result.decisions).toEqual(decisions);
        expect(result.events).toEqual(decisions.flatMap(eventsOf));
        expect(result.state).toEqual(state);
      }),
      { numRuns: 500 },
    );
  });

  it('produces only events that match their schema and that evolve replays, after a JSON round trip, to the same state', () => {
    fc.assert(
      fc.property(commands, (cmds) => {
        const { events, state } = decideMany(cmds, initialState());
        for (const event of events) expect(inventoryEventSchema.parse(event)).toEqual(event);
        const stored: InventoryEvent[] = JSON.parse(JSON.stringify(events));
        expect(fold(evolve, initialState(), stored)).toEqual(state);
      }),
      { numRuns: 300 },
    );
  });
});
