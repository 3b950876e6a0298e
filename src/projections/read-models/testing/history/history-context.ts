import type { CommandContext } from '../../../../commands/command-context.js';
import type { CommandHandlers } from '../../../../commands/command-handlers.js';
import type { CommandResult } from '../../../../commands/command-result.js';

/** mulberry32: a small seeded generator, so that a failing history can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The ids the generator has created, to pick targets from; states are read from the handlers. */
export interface World {
  readonly categories: string[];
  readonly products: string[];
  readonly skus: string[];
  readonly carts: string[];
  readonly orders: string[];
  readonly reviews: string[];
  readonly customers: readonly string[];
  readonly sellers: readonly string[];
}

interface Sender<Command, Event> {
  send(command: Command, context: CommandContext): Promise<CommandResult<Event>>;
}

/** What every action gets: randomness, a clock, the handlers and the bookkeeping of what was written. */
export class HistoryContext {
  readonly world: World = {
    categories: [],
    products: [],
    skus: [],
    carts: [],
    orders: [],
    reviews: [],
    customers: Array.from({ length: 40 }, (_, i) => `cust-${i}`),
    sellers: Array.from({ length: 6 }, (_, i) => `seller-${i}`),
  };
  events = 0;
  accepted = 0;
  refused = 0;
  #now = Date.parse('2026-01-05T08:00:00.000Z');
  #ids = 0;

  constructor(
    readonly commands: CommandHandlers,
    readonly random: () => number,
  ) {}

  /** Moves the clock on by up to `maxMinutes` and returns it: histories span weeks, so sales fall on many days. */
  tick(maxMinutes = 20): string {
    this.#now += Math.ceil(this.random() * maxMinutes) * 60_000;
    return this.now();
  }

  now(offsetMs = 0): string {
    return new Date(this.#now + offsetMs).toISOString();
  }

  nextId(prefix: string): string {
    return `${prefix}-${++this.#ids}`;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.random() < p;
  }

  pick<T>(items: readonly T[]): T | undefined {
    return items.length === 0 ? undefined : items[Math.floor(this.random() * items.length)];
  }

  /** Up to `tries` random picks, the first that satisfies `test`: cheap targeting without indexes. */
  async find<T>(items: readonly T[], test: (item: T) => Promise<boolean>, tries = 8): Promise<T | undefined> {
    for (let i = 0; i < tries && items.length > 0; i++) {
      const item = this.pick(items)!;
      if (await test(item)) return item;
    }
    return undefined;
  }

  /** Sends through the real handler; a refusal is part of a realistic history, not an error. */
  async send<Command, Event>(handler: Sender<Command, Event>, command: Command): Promise<readonly Event[] | undefined> {
    const result = await handler.send(command, { commandId: this.nextId('cmd') });
    if (!result.ok) {
      this.refused++;
      return undefined;
    }
    this.accepted++;
    this.events += result.events.length;
    return result.events;
  }
}
