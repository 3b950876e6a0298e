import type { Logger } from 'pino';
import type { RunningProcessManager } from '../../commands/process-managers/process-manager-runner.js';
import type { ProjectionLock } from '../../projections/runner/projection-lock.js';

/**
 * Runs a process manager only while holding `key`: with several worker processes on one database,
 * one of them runs it and the others wait to take over (within the lock's retry interval) when it
 * stops or dies. Its handlers are idempotent anyway; the lock keeps N workers from doing N times
 * the work and racing each other on every event. A lost lock stops the run and waits again.
 */
export function runExclusively(lock: ProjectionLock, key: string, start: () => RunningProcessManager, logger?: Logger): RunningProcessManager {
  const abort = new AbortController();
  let current: RunningProcessManager | undefined;

  async function loop(): Promise<void> {
    while (!abort.signal.aborted) {
      const held = await lock.acquire(key, { signal: abort.signal });
      if (!held) return;
      try {
        current = start();
        const lost = new Promise<'lost'>((resolve) => {
          if (held.lost.aborted) resolve('lost');
          held.lost.addEventListener('abort', () => resolve('lost'), { once: true });
        });
        const outcome = await Promise.race([current.done.then(() => 'stopped' as const), lost]);
        if (outcome === 'lost') {
          logger?.warn({ key }, 'lost the lock of a process manager; stopping it until the lock is free again');
          await current.stop();
        }
      } finally {
        current = undefined;
        await held.release();
      }
    }
  }

  const done = loop();
  done.catch(() => undefined);
  return {
    done,
    async stop() {
      abort.abort();
      await current?.stop();
      await done.catch(() => undefined);
    },
  };
}
