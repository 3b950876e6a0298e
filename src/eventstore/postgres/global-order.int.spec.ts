import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropSchema, TEST_DATABASE_URL, uniqueSchema } from '../../../test/support/postgres.js';
import type { EventStore, RecordedEvent, Subscription } from '../types.js';
import { appendStatements } from '../sql/append-statements.js';
import { createPostgresEventStore } from './postgres-event-store.js';

/**
 * The sequence trap: an append that took a lower position but commits after later appends must
 * still reach every subscriber, once, in one order that all readers agree on.
 */
describe('postgres global order under a late-committing transaction', () => {
  const schema = uniqueSchema('es_order');
  let store: EventStore;
  let held: pg.Client;

  beforeAll(async () => {
    store = await createPostgresEventStore({ connectionString: TEST_DATABASE_URL, schema, pollIntervalMs: 5 });
    held = new pg.Client({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${schema}` });
    await held.connect();
  });
  afterAll(async () => {
    await held?.end();
    await store?.close();
    await dropSchema(schema);
  });

  async function collect(subscription: Subscription, count: number, timeoutMs = 20_000): Promise<RecordedEvent[]> {
    const seen: RecordedEvent[] = [];
    const timer = setTimeout(() => void subscription.stop(), timeoutMs);
    for await (const event of subscription) {
      seen.push(event);
      if (seen.length === count) break;
    }
    clearTimeout(timer);
    await subscription.stop();
    return seen;
  }

  it.each([1, 7, 1000])('page size %i: every event exactly once, and all readers agree on the order', async (batchSize) => {
    const category = `order${batchSize}x${randomUUID().slice(0, 8)}`;
    const writers = 8;
    const appendsPerWriter = 25;
    const total = writers * appendsPerWriter + 1;

    const first = collect(store.subscribe({ filter: { categories: [category] }, batchSize }), total);
    const second = collect(store.subscribe({ filter: { categories: [category] }, batchSize }), total);

    // Take a position first, then hold the transaction open while every other writer commits.
    await held.query('BEGIN');
    const heldId = randomUUID();
    await held.query(appendStatements.many.no_stream.text, [`${category}-held`, category, [heldId], ['Held'], ['{}'], ['{}']]);

    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        for (let i = 0; i < appendsPerWriter; i++) {
          await store.appendToStream(`${category}-${w}`, [{ id: randomUUID(), type: 'Written', data: { w, i } }]);
        }
      }),
    );
    // Give the subscribers time to poll past the later commits while the held one is still open.
    await new Promise((resolve) => setTimeout(resolve, 100));
    await held.query('COMMIT');

    const [a, b] = await Promise.all([first, second]);
    const ids = (events: RecordedEvent[]) => events.map((e) => e.id);
    expect(a).toHaveLength(total);
    expect(new Set(ids(a)).size).toBe(total);
    expect(ids(a)).toContain(heldId);
    expect(ids(b)).toEqual(ids(a));

    const all: RecordedEvent[] = [];
    for (;;) {
      const page = await store.readAll({ filter: { categories: [category] }, maxCount: batchSize, ...(all.length ? { after: all.at(-1)!.position } : {}) });
      all.push(...page);
      if (page.length < batchSize) break;
    }
    expect(ids(all)).toEqual(ids(a));
  });
});
