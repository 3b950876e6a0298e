import { isDomainError } from '../shared/index.js';
import type { InventoryCommand } from './commands.js';
import { decideAndEvolve } from './decide.js';
import type { InventoryDecision } from './decide.js';
import type { InventoryEvent } from './events.js';
import type { InventoryState } from './state.js';

export interface BatchDecision {
  /** One per command, in the order given: its events (possibly none) or its error. */
  readonly decisions: readonly InventoryDecision[];
  /** Every accepted event in order: what the group commit appends, in one call. */
  readonly events: readonly InventoryEvent[];
  readonly state: InventoryState;
}

/**
 * Decides commands one after another, each against the state the earlier ones left: exactly
 * what deciding them one by one would do, with one append instead of one per command.
 * A rejected command does not stop the batch; if the append fails, the whole batch is decided again.
 */
export function decideMany(commands: readonly InventoryCommand[], state: InventoryState): BatchDecision {
  const decisions: InventoryDecision[] = [];
  const events: InventoryEvent[] = [];
  let current = state;
  for (const command of commands) {
    const step = decideAndEvolve(command, current);
    decisions.push(step.decision);
    if (!isDomainError(step.decision)) events.push(...step.decision);
    current = step.state;
  }
  return { decisions, events, state: current };
}
