import { assertNever, isDomainError } from '../shared/index.js';
import type { InventoryCommand } from './commands.js';
import { commitReservation, expireReservation, releaseReservation, reserveStock } from './decide-reservation.js';
import { adjustStock, receiveStock, setLowStockThreshold } from './decide-stock.js';
import { lowStockSeverity, type InventoryEvent } from './events.js';
import type { InventoryError } from './errors.js';
import { evolve, isLowStock } from './state.js';
import type { InventoryState } from './state.js';

export type InventoryDecision = readonly InventoryEvent[] | InventoryError;

export function decide(command: InventoryCommand, state: InventoryState): InventoryDecision {
  return decideAndEvolve(command, state).decision;
}

/** The decision and the state after it, so that batches need not evolve twice. */
export function decideAndEvolve(
  command: InventoryCommand,
  state: InventoryState,
): { readonly decision: InventoryDecision; readonly state: InventoryState } {
  const decision = decideCommand(command, state);
  if (isDomainError(decision) || decision.length === 0) return { decision, state };
  const next = decision.reduce(evolve, state);
  // Judged on the state before and after rather than per command, so that every way of
  // becoming low (a sale, a write-off, a raised threshold) warns exactly once.
  if (isLowStock(state) || !isLowStock(next)) return { decision, state: next };
  const warning: InventoryEvent = {
    type: 'LowStockDetected',
    data: {
      sku: command.data.sku,
      available: next.available,
      threshold: next.lowStockThreshold,
      severity: lowStockSeverity(next.available),
      at: command.data.at,
    },
  };
  return { decision: [...decision, warning], state: next };
}

function decideCommand(command: InventoryCommand, state: InventoryState): InventoryDecision {
  switch (command.type) {
    case 'ReceiveStock':
      return receiveStock(command, state);
    case 'AdjustStock':
      return adjustStock(command, state);
    case 'SetLowStockThreshold':
      return setLowStockThreshold(command, state);
    case 'ReserveStock':
      return reserveStock(command, state);
    case 'ReleaseReservation':
      return releaseReservation(command, state);
    case 'ExpireReservation':
      return expireReservation(command, state);
    case 'CommitReservation':
      return commitReservation(command, state);
    default:
      return assertNever(command);
  }
}
