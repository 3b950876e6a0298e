import type { FastifyBaseLogger } from 'fastify';
import { orderDecider, orderStreamName, type OrderEvent, type OrderState } from '../../../domain/order/index.js';
import { formatPosition } from '../../../eventstore/position.js';
import type { EventStore, Subscription } from '../../../eventstore/types.js';

/** How long `?wait=true` holds a checkout answer before falling back to 202. */
export const CHECKOUT_WAIT_MS = 10_000;
/** A waiter looks at the order again at least this often, even if no event woke it (a missed wake-up costs this much). */
const RECHECK_MS = 1_000;

/** The events after which an order is no longer waiting for its checkout. */
const SETTLING_EVENTS = ['OrderConfirmed', 'OrderRejected', 'OrderCancelled'];

export interface OrderSnapshot {
  readonly state: OrderState;
  /** Position of the order's newest event, for `?position=` on later reads. */
  readonly position: string | null;
}

export interface SettlementWatcher {
  /** The order once it has left PENDING, or as it stands when the time is up. */
  settled(orderId: string, timeoutMs?: number): Promise<OrderSnapshot>;
  stop(): Promise<void>;
}

/** Folds the order's stream; short streams, and the store (not a cache) has the saga's latest word. */
export async function readOrder(store: EventStore, orderId: string): Promise<OrderSnapshot> {
  const events = await store.readStream(orderStreamName(orderId));
  let state = orderDecider.initialState();
  for (const event of events) state = orderDecider.evolve(state, { type: event.type, data: event.data } as OrderEvent);
  const last = events.at(-1);
  return { state, position: last ? formatPosition(last.position) : null };
}

/**
 * Many checkouts wait at once (a flash sale holds hundreds), so they share ONE subscription to the
 * settling order events instead of each polling its stream: an event wakes the waiter of its order,
 * which then reads the order once. The subscription starts at the first wait and follows from the
 * head; a waiter reads the order after registering, so a settlement that came before is seen too.
 */
export function createSettlementWatcher(store: EventStore, logger: FastifyBaseLogger): SettlementWatcher {
  const waiters = new Map<string, Set<() => void>>();
  let subscription: Subscription | undefined;
  let started: Promise<void> | undefined;
  let stopped = false;

  function wake(orderId: string): void {
    for (const waiter of waiters.get(orderId) ?? []) waiter();
  }

  async function start(): Promise<void> {
    const head = await store.headPosition();
    const current = store.subscribe({ ...(head ? { after: head } : {}), filter: { categories: ['order'], eventTypes: SETTLING_EVENTS } });
    subscription = current;
    void (async () => {
      for await (const event of current) wake(event.streamName.slice('order-'.length));
    })().catch((error: unknown) => {
      // Waiters still re-read every second; the next wait starts a new subscription.
      logger.warn({ err: error }, 'checkout settlement subscription failed');
      if (subscription === current) {
        subscription = undefined;
        started = undefined;
      }
    });
  }

  async function settled(orderId: string, timeoutMs = CHECKOUT_WAIT_MS): Promise<OrderSnapshot> {
    const deadline = Date.now() + timeoutMs;
    if (!stopped) {
      started ??= start().catch((error: unknown) => {
        started = undefined;
        throw error;
      });
      await started.catch((error: unknown) => logger.warn({ err: error }, 'checkout settlement subscription did not start'));
    }
    let woken: (() => void) | undefined;
    // Set by a wake-up that comes while the order is being read, so that it is not slept through.
    let signalled = false;
    const waiter = () => {
      signalled = true;
      woken?.();
    };
    const set = waiters.get(orderId) ?? new Set();
    set.add(waiter);
    waiters.set(orderId, set);
    try {
      for (;;) {
        signalled = false;
        const snapshot = await readOrder(store, orderId);
        const remaining = deadline - Date.now();
        if ((snapshot.state.status !== 'PENDING' && snapshot.state.status !== 'NONE') || remaining <= 0 || stopped) return snapshot;
        if (signalled) continue;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, Math.min(remaining, RECHECK_MS));
          function done() {
            clearTimeout(timer);
            woken = undefined;
            resolve();
          }
          woken = done;
        });
      }
    } finally {
      set.delete(waiter);
      if (set.size === 0) waiters.delete(orderId);
    }
  }

  return {
    settled,
    async stop() {
      stopped = true;
      for (const orderId of [...waiters.keys()]) wake(orderId);
      await subscription?.stop();
    },
  };
}

/** One watcher per store, shared by the cart and order plugins of an app. */
const watchers = new WeakMap<EventStore, SettlementWatcher>();

export function settlementWatcherFor(store: EventStore, logger: FastifyBaseLogger): SettlementWatcher {
  const existing = watchers.get(store);
  if (existing) return existing;
  const created = createSettlementWatcher(store, logger);
  const watcher: SettlementWatcher = {
    settled: created.settled,
    async stop() {
      if (watchers.get(store) === watcher) watchers.delete(store);
      await created.stop();
    },
  };
  watchers.set(store, watcher);
  return watcher;
}
