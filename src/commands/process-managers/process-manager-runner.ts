import type { Logger } from 'pino';
import type { EventStore, Position, ReadAllFilter, RecordedEvent } from '../../eventstore/types.js';
import type { CheckpointStore } from '../../projections/checkpoints/checkpoint-store.js';

/** Reacts to events by sending commands. Its handler must be idempotent: after a crash it sees events again. */
export interface ProcessManager {
  readonly name: string;
  readonly filter: ReadAllFilter;
  handle(event: RecordedEvent): Promise<void>;
}

export interface ProcessManagerRunnerOptions {
  readonly store: EventStore;
  readonly checkpoints: CheckpointStore;
  readonly logger?: Logger;
  /** Events handled at once. Events of one stream are still handled one after another. */
  readonly concurrency?: number;
  /** Attempts per event before the runner stops with the error (never skips an event). */
  readonly maxAttempts?: number;
  readonly batchSize?: number;
  readonly checkpointEveryMs?: number;
}

export interface RunningProcessManager {
  /** Settles when the runner stops: resolves on `stop()`, rejects with the error that stopped it. */
  readonly done: Promise<void>;
  stop(): Promise<void>;
}

interface InFlight {
  readonly position: Position;
  finished: boolean;
}

/**
 * Follows the global log from the process manager's checkpoint and handles many events at once,
 * keeping each stream's events in order. The checkpoint only moves past an event when it and every
 * event before it are done, so a crash re-delivers exactly what might not have taken effect.
 */
export function runProcessManager(manager: ProcessManager, options: ProcessManagerRunnerOptions): RunningProcessManager {
  const concurrency = options.concurrency ?? 64;
  const maxAttempts = options.maxAttempts ?? 5;
  const log = options.logger?.child({ processManager: manager.name });
  const abort = new AbortController();
  const inFlight: InFlight[] = [];
  const streamTails = new Map<string, Promise<void>>();
  let running = 0;
  let slotFreed: (() => void) | undefined;
  let failure: unknown;
  let savedThrough: Position | undefined;
  let saving: Promise<void> = Promise.resolve();

  async function handleWithRetries(event: RecordedEvent): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await manager.handle(event);
        return;
      } catch (error) {
        if (attempt >= maxAttempts || abort.signal.aborted) throw error;
        log?.warn({ err: error, eventId: event.id, type: event.type, attempt }, 'process manager step failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, Math.min(2_000, 50 * 2 ** attempt)));
      }
    }
  }

  function completedThrough(): Position | undefined {
    let through: Position | undefined;
    while (inFlight.length > 0 && inFlight[0]!.finished) through = inFlight.shift()!.position;
    return through;
  }

  function saveCheckpoint(): Promise<void> {
    const through = completedThrough();
    if (through) {
      savedThrough = through;
      saving = saving.then(() => options.checkpoints.store(manager.name, through));
    }
    return saving;
  }

  async function run(): Promise<void> {
    const after = await options.checkpoints.load(manager.name);
    const subscription = options.store.subscribe({
      ...(after ? { after } : {}),
      filter: manager.filter,
      batchSize: options.batchSize ?? 500,
      signal: abort.signal,
    });
    const timer = setInterval(() => void saveCheckpoint(), options.checkpointEveryMs ?? 100);
    try {
      for await (const event of subscription) {
        while (running >= concurrency && !failure) await new Promise<void>((resolve) => (slotFreed = resolve));
        if (failure || abort.signal.aborted) break;
        const entry: InFlight = { position: event.position, finished: false };
        inFlight.push(entry);
        running++;
        const previous = streamTails.get(event.streamName) ?? Promise.resolve();
        const task = previous.then(() => handleWithRetries(event));
        const tail = task.then(
          () => {
            entry.finished = true;
          },
          (error: unknown) => {
            failure ??= error;
            void subscription.stop();
          },
        ).finally(() => {
          running--;
          if (streamTails.get(event.streamName) === tail) streamTails.delete(event.streamName);
          slotFreed?.();
          slotFreed = undefined;
        });
        streamTails.set(event.streamName, tail);
      }
      await Promise.all(streamTails.values());
    } finally {
      clearInterval(timer);
      await saveCheckpoint();
    }
    if (failure) {
      log?.error({ err: failure, checkpoint: savedThrough }, 'process manager stopped on an error');
      throw failure;
    }
  }

  const done = run();
  // The error is for whoever awaits `done`; a runner nobody awaits must not crash the process.
  done.catch(() => undefined);
  return {
    done,
    async stop() {
      abort.abort();
      slotFreed?.();
      await done.catch(() => undefined);
    },
  };
}
