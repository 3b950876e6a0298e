import { comparePositions } from '../../eventstore/position.js';
import type { Position } from '../../eventstore/types.js';
import { maxPosition } from './log-reader.js';

/** A runner's progress in memory, and the `waitFor` callers waiting on it. */
export function createProgressWatch() {
  let checkpoint: Position | undefined;
  let seenThrough: Position | undefined;
  const listeners = new Set<() => void>();

  const passed = (position: Position) => {
    const through = maxPosition(seenThrough, checkpoint);
    return through !== undefined && comparePositions(through, position) >= 0;
  };

  return {
    get checkpoint() {
      return checkpoint;
    },
    get seenThrough() {
      return maxPosition(seenThrough, checkpoint);
    },
    passed,
    /** After a page is committed (or the checkpoint reloaded): wakes every waiter to look again. */
    advance(nextCheckpoint: Position | undefined, nextSeenThrough: Position | undefined): void {
      checkpoint = nextCheckpoint;
      seenThrough = maxPosition(seenThrough, nextSeenThrough);
      for (const listener of [...listeners]) listener();
    },
    /** Wakes waiters without progress (a state change they should look at). */
    notify(): void {
      for (const listener of [...listeners]) listener();
    },
    /** Resolves at the next `advance`/`notify`, or after `ms`. */
    changed(ms: number): Promise<void> {
      return new Promise((resolve) => {
        const done = () => {
          clearTimeout(timer);
          listeners.delete(done);
          resolve();
        };
        const timer = setTimeout(done, ms);
        listeners.add(done);
      });
    },
  };
}
