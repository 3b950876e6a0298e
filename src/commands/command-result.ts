import type { DomainError } from '../domain/shared/index.js';
import type { Position } from '../eventstore/types.js';

export type CommandResult<Event> =
  | {
      readonly ok: true;
      /** What this command changed; `[]` when it had already had its effect. */
      readonly events: readonly Event[];
      /** The stream's revision after the append that carried this command. */
      readonly revision: bigint;
      /** The append's global position: a read model that has passed it shows this command's effect. */
      readonly position: Position | undefined;
    }
  | { readonly ok: false; readonly error: DomainError };

/** Another writer kept winning the race for the stream for longer than the retry budget. */
export class ConcurrencyRetriesExhaustedError extends Error {
  override readonly name = 'ConcurrencyRetriesExhaustedError';
  constructor(readonly streamName: string, readonly attempts: number) {
    super(`stream ${streamName}: gave up after ${attempts} conflicting appends`);
  }
}
