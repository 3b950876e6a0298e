import type { Kysely } from 'kysely';

/** Held until `release()`; `lost` aborts if the lock goes away on its own (its connection died). */
export interface HeldLock {
  readonly lost: AbortSignal;
  release(): Promise<void>;
}

export interface AcquireOptions {
  /** Give up waiting (resolve `undefined`) when this aborts. */
  readonly signal?: AbortSignal;
  /** `false`: one try, `undefined` if someone else holds it. Default: wait until it is free. */
  readonly wait?: boolean;
}

/**
 * Exactly one active runner per projection: a runner holds `projection:<name>` while it writes,
 * a rebuild holds `projection-rebuild:<name>`. Others wait and take over when it is released or lost.
 * The lock is for liveness only; correctness does not depend on it (pages are fenced by their
 * checkpoint, see `advanceCheckpoint`), so a lock lost a moment too late costs nothing but a retry.
 */
export interface ProjectionLock {
  acquire(key: string, options?: AcquireOptions): Promise<HeldLock | undefined>;
  /** Whether anyone (any process, for a cross-process lock) holds `key` now. */
  isHeld(key: string): Promise<boolean>;
  /** True when the lock reaches other processes; an in-process lock only orders runners of one process. */
  readonly crossProcess: boolean;
}

/**
 * For PGlite: one process owns the database, so a lock in memory is the whole truth. Waiters are
 * served first come, first served.
 */
export function createInProcessProjectionLock(): ProjectionLock {
  const queues = new Map<string, Array<() => void>>();

  function hold(key: string): HeldLock {
    let released = false;
    return {
      lost: new AbortController().signal,
      async release() {
        if (released) return;
        released = true;
        const queue = queues.get(key)!;
        const next = queue.shift();
        if (next) next();
        else queues.delete(key);
      },
    };
  }

  return {
    crossProcess: false,
    async isHeld(key) {
      return queues.has(key);
    },
    acquire(key, options = {}) {
      if (options.signal?.aborted) return Promise.resolve(undefined);
      if (!queues.has(key)) {
        queues.set(key, []);
        return Promise.resolve(hold(key));
      }
      if (options.wait === false) return Promise.resolve(undefined);
      return new Promise((resolve) => {
        const queue = queues.get(key)!;
        const grant = () => {
          options.signal?.removeEventListener('abort', onAbort);
          resolve(hold(key));
        };
        const onAbort = () => {
          const at = queue.indexOf(grant);
          if (at >= 0) queue.splice(at, 1);
          resolve(undefined);
        };
        queue.push(grant);
        options.signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
  };
}

const inProcessLocks = new WeakMap<object, ProjectionLock>();

/** Kysely's PGlite adapter says so: one connection, hence one process. */
export function isSingleConnectionDb(db: Kysely<unknown>): boolean {
  return !db.getExecutor().adapter.supportsMultipleConnections;
}

/**
 * The lock a runner uses when none is passed: one in-process lock per database object, shared by
 * every runner on it. Right for PGlite; on Postgres it does not reach other processes, which is why
 * the composition root passes `createPostgresProjectionLock` there.
 */
export function inProcessLockFor(db: Kysely<unknown>): ProjectionLock {
  let lock = inProcessLocks.get(db);
  if (!lock) {
    lock = createInProcessProjectionLock();
    inProcessLocks.set(db, lock);
  }
  return lock;
}
