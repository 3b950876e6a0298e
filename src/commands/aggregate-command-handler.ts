import { isDomainError, type Decider, type DomainError, type Message } from '../domain/shared/index.js';
import { PartialDuplicateAppendError, WrongExpectedRevisionError } from '../eventstore/errors.js';
import type { EventData, EventStore, Position } from '../eventstore/types.js';
import { metadataFor, type CommandContext } from './command-context.js';
import { ConcurrencyRetriesExhaustedError, type CommandResult } from './command-result.js';
import { commandStats } from './command-stats.js';
import { eventIdFor } from './event-ids.js';
import { StateCache, type CachedStream } from './state-cache.js';

export interface AggregateCommandHandlerOptions<State, Command extends Message, Event extends Message> {
  readonly store: EventStore;
  readonly decider: Decider<State, Command, Event>;
  /** The stream a command addresses, e.g. `inventory-<sku>`. */
  readonly streamName: (command: Command) => string;
  /** Most commands decided together and appended in one write. */
  readonly maxBatchSize?: number;
  /** Conflicting appends (another process wrote) tolerated per batch before giving up. */
  readonly maxAttempts?: number;
  readonly cacheSize?: number;
  readonly random?: () => number;
  /**
   * Commands that start a stream (PlaceOrder, AuthorizePayment, …). When the stream is not cached,
   * they are decided against the initial state and appended with `no_stream` without reading first;
   * if the stream did exist, the append fails and the usual catch-up and retry follow.
   */
  readonly startsStream?: (command: Command) => boolean;
}

export interface AggregateCommandHandler<State, Command extends Message, Event extends Message> {
  send(command: Command, context: CommandContext): Promise<CommandResult<Event>>;
  /** The stream's current state, folded from the store (not from the cache). */
  read(streamName: string): Promise<CachedStream<State>>;
  /**
   * This process's latest view of the stream: the cached state when there is one, else a read. It
   * can trail another process's writes, which is fine for callers whose next step is a command:
   * the command is decided again on conflict.
   */
  current(streamName: string): Promise<CachedStream<State>>;
}

interface Pending<Command, Event> {
  readonly command: Command;
  readonly context: CommandContext;
  readonly resolve: (result: CommandResult<Event>) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Load, decide, append with the revision decided on, retry on conflict — with group commit.
 *
 * Commands for one stream queue up in this process and are decided together against the cached
 * state, then appended in ONE write whose expected revision is the one they were decided on. A hot
 * stream (a flash sale on one SKU) thus costs one round trip per batch instead of a storm of
 * conflicting appends. When another process wrote in between, the append fails, the cache catches
 * up from the store and the batch is decided again: correctness never rests on the cache.
 */
export function createAggregateCommandHandler<State, Command extends Message, Event extends Message>(
  options: AggregateCommandHandlerOptions<State, Command, Event>,
): AggregateCommandHandler<State, Command, Event> {
  const { store, decider } = options;
  const maxBatchSize = options.maxBatchSize ?? 500;
  const maxAttempts = options.maxAttempts ?? 30;
  const random = options.random ?? Math.random;
  const cache = new StateCache<State>(options.cacheSize ?? 10_000);
  const lanes = new Map<string, Pending<Command, Event>[]>();

  function send(command: Command, context: CommandContext): Promise<CommandResult<Event>> {
    const streamName = options.streamName(command);
    return new Promise((resolve, reject) => {
      const pending = { command, context, resolve, reject };
      const lane = lanes.get(streamName);
      if (lane) {
        lane.push(pending);
        return;
      }
      const queue = [pending];
      lanes.set(streamName, queue);
      // Start on the next microtask: commands sent in the same tick (a saga recording two facts on
      // one stream) share the first append instead of taking one each.
      queueMicrotask(() => void drain(streamName, queue));
    });
  }

  async function drain(streamName: string, queue: Pending<Command, Event>[]): Promise<void> {
    while (queue.length > 0) {
      const batch = takeBatch(queue);
      try {
        await settleBatch(streamName, batch);
      } catch (error) {
        cache.delete(streamName);
        for (const pending of batch) pending.reject(error);
      }
    }
    lanes.delete(streamName);
  }

  /** Up to `maxBatchSize` commands, stopping before a command id repeats (its events would share ids). */
  function takeBatch(queue: Pending<Command, Event>[]): Pending<Command, Event>[] {
    const seen = new Set<string>();
    let size = 0;
    while (size < queue.length && size < maxBatchSize && !seen.has(queue[size]!.context.commandId)) {
      seen.add(queue[size]!.context.commandId);
      size++;
    }
    return queue.splice(0, size);
  }

  async function settleBatch(streamName: string, batch: Pending<Command, Event>[]): Promise<void> {
    const startsStream = options.startsStream;
    let entry =
      cache.get(streamName) ??
      (startsStream && batch.every((p) => startsStream(p.command))
        ? { state: decider.initialState(), revision: -1n }
        : await catchUp(streamName, undefined));
    for (let attempt = 1; ; attempt++) {
      const decided = decideBatch(entry.state, batch);
      if (decided.toAppend.length === 0) {
        settle(batch, decided.outcomes, entry.revision, undefined);
        return;
      }
      try {
        const expectedRevision = entry.revision < 0n ? 'no_stream' : entry.revision;
        const result = await store.appendToStream(streamName, decided.toAppend, { expectedRevision });
        const wroteNow = result.nextExpectedRevision === entry.revision + BigInt(decided.toAppend.length);
        // A repeat of an earlier append answers with that append's revision: the cache must re-read.
        if (wroteNow) cache.set(streamName, { state: decided.state, revision: result.nextExpectedRevision });
        else cache.delete(streamName);
        settle(batch, decided.outcomes, result.nextExpectedRevision, result.position);
        return;
      } catch (error) {
        if (error instanceof WrongExpectedRevisionError) {
          commandStats.conflicts++;
          if (attempt >= maxAttempts) {
            commandStats.exhausted++;
            throw new ConcurrencyRetriesExhaustedError(streamName, attempt);
          }
          commandStats.retries++;
          await sleep(random() * Math.min(50, 2 ** attempt));
          entry = await catchUp(streamName, entry);
          continue;
        }
        if (error instanceof PartialDuplicateAppendError) {
          cache.delete(streamName);
          await settleOneByOne(streamName, batch);
          return;
        }
        throw error;
      }
    }
  }

  /**
   * Some command of the batch was appended before (a client retry). Alone, each one either appends,
   * or is recognised by its ids and answered as the first time.
   */
  async function settleOneByOne(streamName: string, batch: Pending<Command, Event>[]): Promise<void> {
    if (batch.length === 1) {
      // Its first events were written, but deciding again now yields more: it already took effect.
      const entry = await catchUp(streamName, undefined);
      batch[0]!.resolve({ ok: true, events: [], revision: entry.revision, position: undefined });
      return;
    }
    for (const pending of batch) {
      try {
        await settleBatch(streamName, [pending]);
      } catch (error) {
        pending.reject(error);
      }
    }
  }

  function decideBatch(initial: State, batch: readonly Pending<Command, Event>[]) {
    let state = initial;
    const outcomes: (readonly Event[] | DomainError)[] = [];
    const toAppend: EventData[] = [];
    for (const { command, context } of batch) {
      const decision = decider.decide(command, state);
      outcomes.push(decision);
      if (isDomainError(decision)) continue;
      const metadata = metadataFor(context, command.type);
      decision.forEach((event, index) => {
        state = decider.evolve(state, event);
        toAppend.push({ id: eventIdFor(context.commandId, index), type: event.type, data: event.data, metadata });
      });
    }
    return { state, outcomes, toAppend };
  }

  function settle(
    batch: readonly Pending<Command, Event>[],
    outcomes: readonly (readonly Event[] | DomainError)[],
    revision: bigint,
    position: Position | undefined,
  ): void {
    batch.forEach((pending, i) => {
      const outcome = outcomes[i]!;
      pending.resolve(isDomainError(outcome) ? { ok: false, error: outcome } : { ok: true, events: outcome, revision, position });
    });
  }

  /** Folds what the stream gained since `from` (or all of it) onto `from`'s state. */
  async function catchUp(streamName: string, from: CachedStream<State> | undefined): Promise<CachedStream<State>> {
    let state = from?.state ?? decider.initialState();
    let revision = from?.revision ?? -1n;
    const events = await store.readStream(streamName, { fromRevision: revision + 1n });
    for (const event of events) {
      state = decider.evolve(state, { type: event.type, data: event.data } as Event);
      revision = event.revision;
    }
    const entry = { state, revision };
    cache.set(streamName, entry);
    return entry;
  }

  return {
    send,
    read: (streamName) => catchUp(streamName, undefined),
    current: async (streamName) => cache.get(streamName) ?? catchUp(streamName, undefined),
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
