export type * from './types.js';
export * from './errors.js';
export * from './position.js';
export { categoryOf } from './stream-name.js';
export { createEventStore } from './create-event-store.js';
export { waitUntilVisible } from './wait-until-visible.js';
