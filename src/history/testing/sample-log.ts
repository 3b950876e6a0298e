import { randomUUID } from 'node:crypto';
import type { EventStore, Position, RecordedEvent } from '../../eventstore/types.js';
import { waitUntilVisible } from '../../eventstore/wait-until-visible.js';

/**
 * A small log over three categories and several event types, written in appends of one to three
 * events, with a pause after the first half so that a time filter can split it. Returns the log as
 * stored, in global order, and the time that lies between the two halves.
 */
export async function writeSampleLog(store: EventStore): Promise<{ log: RecordedEvent[]; middle: Date }> {
  const metadata = { schemaVersion: 1, correlationId: 'c-1' };
  const event = (type: string, data: Record<string, unknown>) => ({ id: randomUUID(), type, data, metadata });
  let last: Position | undefined;
  const append = async (stream: string, events: ReturnType<typeof event>[]) => {
    last = (await store.appendToStream(stream, events)).position;
  };
  const half = async (n: number) => {
    for (let i = 0; i < 6; i++) {
      await append(`order-o${n}${i % 3}`, [event('OrderPlaced', { i, n, note: 'comma, "quoted"\nnewline' })]);
      await append(`inventory-S${i % 2}`, [event('StockReceived', { i, n, quantity: i + 1 }), event('StockAdjusted', { i, n, delta: -1 })]);
      if (i % 2 === 0) await append(`cart-c${n}${i}`, [event('CartOpened', { i, n }), event('ItemAdded', { i }), event('ItemAdded', { i, x: 2 })]);
    }
  };
  await half(1);
  await new Promise((resolve) => setTimeout(resolve, 30));
  const middle = new Date();
  await new Promise((resolve) => setTimeout(resolve, 30));
  await half(2);
  // A write transaction running elsewhere on the server keeps newer appends from readers for a while.
  if (!(await waitUntilVisible(store, last!, 30_000))) throw new Error('the sample log did not become visible to readers');
  const log: RecordedEvent[] = [];
  for (let page = await store.readAll({ maxCount: 1000 }); page.length > 0; page = await store.readAll({ after: page.at(-1)!.position, maxCount: 1000 })) {
    log.push(...page);
  }
  return { log, middle };
}
