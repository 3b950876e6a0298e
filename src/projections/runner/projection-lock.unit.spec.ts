import { describe, expect, it } from 'vitest';
import { createInProcessProjectionLock } from './projection-lock.js';

describe('the in-process projection lock', () => {
  it('hands the key to one holder at a time, first come first served', async () => {
    const lock = createInProcessProjectionLock();
    const first = await lock.acquire('k');
    const order: string[] = [];
    const second = lock.acquire('k').then((held) => (order.push('second'), held));
    const third = lock.acquire('k').then((held) => (order.push('third'), held));
    expect(await lock.acquire('k', { wait: false })).toBeUndefined();
    expect(await lock.isHeld('k')).toBe(true);
    await first!.release();
    (await second)!.release();
    await (await third)!.release();
    expect(order).toEqual(['second', 'third']);
    expect(await lock.isHeld('k')).toBe(false);
  });

  it('gives up waiting when the signal aborts, and keeps other keys apart', async () => {
    const lock = createInProcessProjectionLock();
    const held = await lock.acquire('a');
    expect(await lock.acquire('b', { wait: false })).toBeDefined();
    const abort = new AbortController();
    const waiting = lock.acquire('a', { signal: abort.signal });
    abort.abort();
    expect(await waiting).toBeUndefined();
    await held!.release();
    // The aborted waiter left the queue: the key is free again.
    expect(await lock.isHeld('a')).toBe(false);
  });

  it('releasing twice is harmless', async () => {
    const lock = createInProcessProjectionLock();
    const held = await lock.acquire('k');
    await held!.release();
    const next = await lock.acquire('k');
    await held!.release();
    expect(await lock.isHeld('k')).toBe(true);
    await next!.release();
  });
});
