import type { RecordedEvent } from '../../../eventstore/types.js';

/** A recorded event as the domain union it was decided as (the store only ever holds what `decide` emitted). */
export const domainEvent = <Event extends { readonly type: string }>(recorded: RecordedEvent): Event =>
  ({ type: recorded.type, data: recorded.data }) as unknown as Event;

/** The event types of a domain union, for a projection's `filter`, checked against the union. */
export const eventTypes = <Event extends { readonly type: string }>(...types: Event['type'][]): string[] => types;
