import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntilSettled } from '../commands/checkout/checkout.fixtures.js';
import { inventoryDecider, inventoryStreamName, type InventoryEvent } from '../domain/inventory/index.js';
import { cartWith, checkoutBody, seedProduct, send } from './routes/purchase/purchase.fixtures.js';
import { startTestApp, type TestApp } from './testing/http-harness.js';

const UNITS = 50;
const BUYERS = 200;

/** Runs `work` over `items` with at most `limit` in flight. */
async function inBatches<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += limit) results.push(...(await Promise.all(items.slice(i, i + limit).map(work))));
  return results;
}

describe('flash sale over HTTP (Postgres)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ store: 'postgres' });
  }, 60_000);
  afterAll(async () => t?.close());

  it(`${BUYERS} concurrent checkouts for ${UNITS} units: exactly ${UNITS} confirmed, the rest rejected OUT_OF_STOCK, stock never negative`, async () => {
    const { sku } = await seedProduct(t, { price: 4999, stock: UNITS });
    const carts = await inBatches([...Array(BUYERS).keys()], 25, () => cartWith(t, sku, 1));

    const answers = await Promise.all(
      carts.map((cartId, i) => send(t, 'POST', `/api/v1/carts/${cartId}/checkout?wait=true`, { body: checkoutBody(undefined, `buyer${i}@example.com`), key: `flash-${i}` })),
    );
    for (const answer of answers) expect([200, 202], answer.body).toContain(answer.statusCode);
    const outcomes = answers.map((answer) => answer.json<{ orderId: string; status?: string; reason?: string }>());
    // An answer that outlived the bounded wait (202) is settled here instead, from the order's stream.
    const late = outcomes.filter((outcome) => outcome.status === undefined).map((outcome) => outcome.orderId);
    const settled = await waitUntilSettled(t.system.commands, late, 120_000);
    const statuses = outcomes.map((outcome) => {
      if (outcome.status !== undefined) return `${outcome.status} ${outcome.reason ?? ''}`.trim();
      const state = settled.get(outcome.orderId);
      return state && state.status !== 'NONE' ? `${state.status} ${state.rejection?.reason ?? ''}`.trim() : 'MISSING';
    });
    const count = (label: string) => statuses.filter((status) => status === label).length;
    expect(count('CONFIRMED')).toBe(UNITS);
    expect(count('REJECTED OUT_OF_STOCK')).toBe(BUYERS - UNITS);
    expect(new Set(outcomes.map((outcome) => outcome.orderId)).size).toBe(BUYERS);

    // Every state the SKU went through, event by event: never a negative availability.
    const events = await t.system.store.readStream(inventoryStreamName(sku));
    let state = inventoryDecider.initialState();
    let lowest = Infinity;
    for (const event of events) {
      state = inventoryDecider.evolve(state, { type: event.type, data: event.data } as InventoryEvent);
      lowest = Math.min(lowest, state.available);
    }
    expect(lowest).toBeGreaterThanOrEqual(0);
    expect(events.filter((event) => event.type === 'StockReserved')).toHaveLength(UNITS);

    // Once the saga has committed the sold units, the shelf is empty, not below it.
    for (let i = 0; i < 400; i++) {
      const level = (await send(t, 'GET', `/api/v1/inventory/${sku}`)).json<{ onHand: number; reserved: number; available: number }>();
      if (level.reserved === 0 && level.onHand === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect((await send(t, 'GET', `/api/v1/inventory/${sku}`)).json()).toEqual({ sku, onHand: 0, reserved: 0, available: 0 });
  }, 180_000);
});
