import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PartialDuplicateAppendError, WrongExpectedRevisionError } from '../errors.js';
import { comparePositions } from '../position.js';
import type { EventData, EventStore, RecordedEvent } from '../types.js';
import { waitUntilVisible } from '../wait-until-visible.js';

/**
 * The one suite every event store adapter passes (Kysely's way: one suite, every dialect).
 * Each test writes to its own category so tests can share one store and still read `$all`.
 */
export function describeEventStoreContract(name: string, open: () => Promise<EventStore>): void {
  describe(`event store contract: ${name}`, () => {
    let store: EventStore;
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store?.close();
    });

    const category = () => `c${randomUUID().replaceAll('-', '')}`;
    const event = (type = 'Happened', data: unknown = { n: 1 }): EventData => ({
      id: randomUUID(),
      type,
      data,
      metadata: { correlationId: 'corr-1', schemaVersion: 1 },
    });
    const expectConflict = async (promise: Promise<unknown>, actual: bigint | 'no_stream') => {
      const error = await promise.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect((error as WrongExpectedRevisionError).actual).toBe(actual);
    };

    describe('append with expectedRevision', () => {
      it('no_stream creates a stream and fails once it exists', async () => {
        const stream = `${category()}-1`;
        const first = await store.appendToStream(stream, [event(), event()], { expectedRevision: 'no_stream' });
        expect(first.nextExpectedRevision).toBe(1n);
        await expectConflict(store.appendToStream(stream, [event()], { expectedRevision: 'no_stream' }), 1n);
      });

      it('any appends whatever the stream holds', async () => {
        const stream = `${category()}-1`;
        expect((await store.appendToStream(stream, [event()], { expectedRevision: 'any' })).nextExpectedRevision).toBe(0n);
        expect((await store.appendToStream(stream, [event(), event()])).nextExpectedRevision).toBe(2n);
      });

      it('stream_exists fails on a missing stream and succeeds on an existing one', async () => {
        const stream = `${category()}-1`;
        await expectConflict(store.appendToStream(stream, [event()], { expectedRevision: 'stream_exists' }), 'no_stream');
        await store.appendToStream(stream, [event()]);
        expect((await store.appendToStream(stream, [event()], { expectedRevision: 'stream_exists' })).nextExpectedRevision).toBe(1n);
      });

      it('an exact revision succeeds when it matches and names both revisions when it does not', async () => {
        const stream = `${category()}-1`;
        await expectConflict(store.appendToStream(stream, [event()], { expectedRevision: 0n }), 'no_stream');
        await store.appendToStream(stream, [event(), event(), event()], { expectedRevision: 'no_stream' });
        expect((await store.appendToStream(stream, [event()], { expectedRevision: 2n })).nextExpectedRevision).toBe(3n);
        const error = await store.appendToStream(stream, [event()], { expectedRevision: 1n }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ streamName: stream, expected: 1n, actual: 3n });
        await expectConflict(store.appendToStream(stream, [event()], { expectedRevision: 7n }), 3n);
      });

      it('a failed append writes nothing', async () => {
        const stream = `${category()}-1`;
        await store.appendToStream(stream, [event()]);
        await store.appendToStream(stream, [event(), event()], { expectedRevision: 5n }).catch(() => undefined);
        expect(await store.readStream(stream)).toHaveLength(1);
      });

      it('returns increasing global positions', async () => {
        const stream = `${category()}-1`;
        const a = await store.appendToStream(stream, [event()]);
        const b = await store.appendToStream(stream, [event()]);
        expect(comparePositions(a.position, b.position)).toBe(-1);
      });
    });

    it('50 concurrent appenders with the same revision: exactly one wins, no gap, no duplicate', async () => {
      const stream = `${category()}-hot`;
      await store.appendToStream(stream, [event()], { expectedRevision: 'no_stream' });
      const results = await Promise.allSettled(
        Array.from({ length: 50 }, (_, i) => store.appendToStream(stream, [event('Raced', { i })], { expectedRevision: 0n })),
      );
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(49);
      for (const failure of lost) {
        expect(failure.reason).toBeInstanceOf(WrongExpectedRevisionError);
        expect((failure.reason as WrongExpectedRevisionError).actual).toBe(1n);
      }
      const revisions = (await store.readStream(stream)).map((e) => e.revision);
      expect(revisions).toEqual([0n, 1n]);
    });

    describe('idempotency by event id', () => {
      it.each(['any', 'no_stream', 'exact'] as const)('re-sending an append (%s) writes nothing and answers as before', async (mode) => {
        const stream = `${category()}-1`;
        if (mode === 'exact') await store.appendToStream(stream, [event()]);
        const expectedRevision = mode === 'exact' ? 0n : mode;
        const events = [event(), event()];
        const first = await store.appendToStream(stream, events, { expectedRevision });
        const again = await store.appendToStream(stream, events, { expectedRevision });
        expect(again).toEqual(first);
        expect(await store.readStream(stream)).toHaveLength(mode === 'exact' ? 3 : 2);
      });

      it('two copies of one append sent at once write it once', async () => {
        const stream = `${category()}-1`;
        const events = [event(), event()];
        const [a, b] = await Promise.all([store.appendToStream(stream, events), store.appendToStream(stream, events)]);
        expect(a).toEqual(b);
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it('an append of which only some ids were written before is refused', async () => {
        const stream = `${category()}-1`;
        const written = event();
        await store.appendToStream(stream, [written]);
        await expect(store.appendToStream(stream, [written, event()])).rejects.toBeInstanceOf(PartialDuplicateAppendError);
        expect(await store.readStream(stream)).toHaveLength(1);
      });
    });

    describe('readStream', () => {
      it('reads a missing stream as empty', async () => {
        expect(await store.readStream(`${category()}-missing`)).toEqual([]);
      });

      it('returns the envelope as written', async () => {
        const stream = `${category()}-1`;
        const written = event('Created', { name: 'x', amount: 1999 });
        const result = await store.appendToStream(stream, [written]);
        const [read] = await store.readStream(stream);
        expect(read).toMatchObject({
          id: written.id,
          type: 'Created',
          data: { name: 'x', amount: 1999 },
          metadata: { correlationId: 'corr-1', schemaVersion: 1 },
          streamName: stream,
          revision: 0n,
          position: result.position,
        });
        expect(read!.recordedAt).toBeInstanceOf(Date);
      });

      it('reads forwards and backwards from a revision with an exact maxCount', async () => {
        const stream = `${category()}-1`;
        await store.appendToStream(stream, Array.from({ length: 10 }, (_, n) => event('N', { n })));
        const ns = (events: RecordedEvent[]) => events.map((e) => (e.data as { n: number }).n);
        expect(ns(await store.readStream(stream))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        expect(ns(await store.readStream(stream, { fromRevision: 3n, maxCount: 4 }))).toEqual([3, 4, 5, 6]);
        expect(ns(await store.readStream(stream, { direction: 'backwards', maxCount: 3 }))).toEqual([9, 8, 7]);
        expect(ns(await store.readStream(stream, { direction: 'backwards', fromRevision: 4n, maxCount: 2 }))).toEqual([4, 3]);
        expect(ns(await store.readStream(stream, { direction: 'backwards', fromRevision: 'end', maxCount: 1 }))).toEqual([9]);
        expect(ns(await store.readStream(stream, { fromRevision: 9n, maxCount: 5 }))).toEqual([9]);
        expect(await store.readStream(stream, { fromRevision: 10n })).toEqual([]);
        expect(await store.readStream(stream, { maxCount: 0 })).toEqual([]);
      });

      it('orders revisions as numbers, past one digit', async () => {
        const stream = `${category()}-1`;
        await store.appendToStream(stream, Array.from({ length: 12 }, (_, n) => event('N', { n })));
        const [last] = await store.readStream(stream, { direction: 'backwards', maxCount: 1 });
        expect(last!.revision).toBe(11n);
        expect((await store.readStream(stream, { fromRevision: 8n })).map((e) => e.revision)).toEqual([8n, 9n, 10n, 11n]);
      });
    });

    describe('readAll', () => {
      it('reads in global order after a position, filtered by category and event type, with an exact maxCount', async () => {
        const a = category();
        const b = category();
        await store.appendToStream(`${a}-1`, [event('Kept', { n: 0 }), event('Dropped', { n: 1 })]);
        await store.appendToStream(`${b}-1`, [event('Kept', { n: 2 })]);
        const last = await store.appendToStream(`${a}-2`, [event('Kept', { n: 3 })]);
        expect(await waitUntilVisible(store, last.position)).toBe(true);

        const inA = await store.readAll({ filter: { categories: [a] }, maxCount: 100 });
        expect(inA.map((e) => (e.data as { n: number }).n)).toEqual([0, 1, 3]);
        const keptInAB = await store.readAll({ filter: { categories: [a, b], eventTypes: ['Kept'] }, maxCount: 100 });
        expect(keptInAB.map((e) => (e.data as { n: number }).n)).toEqual([0, 2, 3]);
        const firstTwo = await store.readAll({ filter: { categories: [a, b] }, maxCount: 2 });
        expect(firstTwo).toHaveLength(2);
        const rest = await store.readAll({ filter: { categories: [a, b] }, after: firstTwo[1]!.position, maxCount: 100 });
        expect(rest.map((e) => (e.data as { n: number }).n)).toEqual([2, 3]);
        for (let i = 1; i < inA.length; i++) expect(comparePositions(inA[i - 1]!.position, inA[i]!.position)).toBe(-1);
      });

      it('knows the head position, which reaches every acknowledged append', async () => {
        const result = await store.appendToStream(`${category()}-1`, [event()]);
        // Visibility may trail an unrelated write transaction on the same server, never indefinitely.
        expect(await waitUntilVisible(store, result.position)).toBe(true);
        const head = await store.headPosition();
        expect(comparePositions(head!, result.position)).toBeGreaterThanOrEqual(0);
      });
    });

    describe('subscribe', () => {
      it('catches up, goes live, stops, and resumes from its checkpoint', async () => {
        const c = category();
        await store.appendToStream(`${c}-1`, [event('E', { n: 0 }), event('E', { n: 1 })]);
        const subscription = store.subscribe({ filter: { categories: [c] }, batchSize: 1 });
        const seen: RecordedEvent[] = [];
        const iterator = subscription[Symbol.asyncIterator]();
        seen.push((await iterator.next()).value as RecordedEvent);
        seen.push((await iterator.next()).value as RecordedEvent);
        // Live: written after the subscriber caught up.
        await store.appendToStream(`${c}-2`, [event('E', { n: 2 })]);
        seen.push((await iterator.next()).value as RecordedEvent);
        await subscription.stop();
        expect((await iterator.next()).done).toBe(true);
        expect(seen.map((e) => (e.data as { n: number }).n)).toEqual([0, 1, 2]);

        await store.appendToStream(`${c}-2`, [event('E', { n: 3 }), event('E', { n: 4 })]);
        const resumed = store.subscribe({ filter: { categories: [c] }, after: seen[2]!.position });
        const more: number[] = [];
        for await (const e of resumed) {
          more.push((e.data as { n: number }).n);
          if (more.length === 2) await resumed.stop();
        }
        expect(more).toEqual([3, 4]);
      });

      it('stops when its signal aborts', async () => {
        const controller = new AbortController();
        const subscription = store.subscribe({ filter: { categories: [category()] }, signal: controller.signal });
        const done = (async () => {
          for await (const _ of subscription) void _;
        })();
        setTimeout(() => controller.abort(), 20);
        await expect(done).resolves.toBeUndefined();
      });
    });
  });
}
