import type { DomainError } from './domain-error.js';

/** What every event and command in the domain looks like: a type tag and its data. */
export interface Message<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}

/** `decide` either accepts a command with the events it causes, or rejects it with a domain error. */
export type Decision<Event> = readonly Event[] | DomainError;

/**
 * Emmett's decider: three plain things. `decide` and `evolve` are pure; whatever they
 * need from the outside world (the time, ids) arrives inside the command.
 */
export interface Decider<State, Command extends Message, Event extends Message> {
  readonly initialState: () => State;
  readonly evolve: (state: State, event: Event) => State;
  readonly decide: (command: Command, state: State) => Decision<Event>;
}

export function fold<State, Event>(evolve: (state: State, event: Event) => State, initial: State, events: Iterable<Event>): State {
  let state = initial;
  for (const event of events) state = evolve(state, event);
  return state;
}

/** Makes a `switch` over a union fail to compile when a member is not handled. */
export function assertNever(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}
