/** Resolves after `ms`, or at once when `signal` aborts (never rejects: callers check the signal). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return wakeableSleep().sleep(ms, signal);
}

/**
 * A sleep that someone else can cut short: the runner naps between polls, `waitFor` wakes it. A
 * wake-up while nobody sleeps is kept for the next nap, or a position appended while the runner
 * was busy reading would wait out a whole poll interval.
 */
export function wakeableSleep(): { sleep(ms: number, signal?: AbortSignal): Promise<void>; wake(): void } {
  let wake: (() => void) | undefined;
  let pending = false;
  return {
    sleep(ms, signal) {
      if (signal?.aborted || pending) {
        pending = false;
        return Promise.resolve();
      }
      return new Promise((resolve) => {
        // Plain listeners, not AbortSignal.any: this runs every poll on a signal that lives for hours.
        const done = () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', done);
          wake = undefined;
          resolve();
        };
        const timer = setTimeout(done, ms);
        signal?.addEventListener('abort', done, { once: true });
        wake = done;
      });
    },
    wake() {
      if (wake) wake();
      else pending = true;
    },
  };
}

/**
 * Lets timers and I/O run. PGlite executes SQL synchronously on this thread, so a rebuild that
 * only ever awaits its own queries would hold off every HTTP request until it ends.
 */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
