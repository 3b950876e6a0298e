import { randomUUID } from 'node:crypto';
import { isDomainError, type Decider, type DomainError, type Message } from '../../src/domain/shared/index.js';
import { WrongExpectedRevisionError } from '../../src/eventstore/errors.js';
import type { EventStore } from '../../src/eventstore/types.js';

/**
 * The textbook command loop the group-commit handler is measured against: read the whole stream,
 * fold, decide, append with the revision read, and on a conflict start over. Correct, but on a hot
 * stream every writer but one loses every round.
 */
export async function naiveSend<State, Command extends Message, Event extends Message>(
  store: EventStore,
  decider: Decider<State, Command, Event>,
  streamName: string,
  command: Command,
  onConflict: () => void,
): Promise<readonly Event[] | DomainError> {
  for (;;) {
    const events = await store.readStream(streamName);
    const state = events.reduce((s, e) => decider.evolve(s, { type: e.type, data: e.data } as Event), decider.initialState());
    const decision = decider.decide(command, state);
    if (isDomainError(decision) || decision.length === 0) return decision;
    const revision = events.at(-1)?.revision;
    try {
      await store.appendToStream(
        streamName,
        decision.map((e) => ({ id: randomUUID(), type: e.type, data: e.data })),
        { expectedRevision: revision ?? 'no_stream' },
      );
      return decision;
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      onConflict();
    }
  }
}
