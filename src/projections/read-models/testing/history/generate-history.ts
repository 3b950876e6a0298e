import type { CommandHandlers } from '../../../../commands/command-handlers.js';
import { changeProduct, changeStock, createCategory, createProduct, reshapeCategories } from './catalog-actions.js';
import { HistoryContext, seededRandom } from './history-context.js';
import { cancelOrder, expireReservation, placeOrder, progressOrder, settleOrder } from './order-actions.js';
import { changeCart, checkOutCart, mergeCarts, openCart, review, wish } from './shopping-actions.js';

type Action = (h: HistoryContext) => Promise<void>;

/** Relative frequencies: a shop's day is mostly browsing, carts and orders moving along. */
const ACTIONS: readonly (readonly [Action, number])[] = [
  [createCategory, 0.5],
  [reshapeCategories, 0.3],
  [createProduct, 1.5],
  [changeProduct, 6],
  [changeStock, 8],
  [openCart, 3],
  [changeCart, 8],
  [mergeCarts, 0.7],
  [checkOutCart, 2],
  [placeOrder, 5],
  [settleOrder, 6],
  [expireReservation, 0.7],
  [cancelOrder, 1],
  [progressOrder, 10],
  [review, 5],
  [wish, 3],
];
const TOTAL_WEIGHT = ACTIONS.reduce((sum, [, weight]) => sum + weight, 0);

export interface GeneratedHistory {
  readonly events: number;
  readonly accepted: number;
  /** Commands the domain refused (illegal transitions, no stock): they are part of realistic traffic. */
  readonly refused: number;
}

/**
 * Drives the real command handlers with seeded random shop traffic until at least `events`
 * events were written: every event is one `decide` emitted, in an order the domain allowed.
 */
export async function generateHistory(commands: CommandHandlers, options: { seed: number; events: number }): Promise<GeneratedHistory> {
  const h = new HistoryContext(commands, seededRandom(options.seed));
  for (let i = 0; i < 6; i++) await createCategory(h);
  for (let i = 0; i < 10; i++) await createProduct(h);
  while (h.events < options.events) {
    h.tick();
    let roll = h.random() * TOTAL_WEIGHT;
    const action = ACTIONS.find(([, weight]) => (roll -= weight) < 0)?.[0] ?? wish;
    await action(h);
  }
  return { events: h.events, accepted: h.accepted, refused: h.refused };
}
