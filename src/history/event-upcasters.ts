import { inventoryEventUpcasters } from '../domain/inventory/index.js';
import { createUpcasterRegistry, type UpcasterRegistry } from '../eventstore/upcasting/index.js';

/**
 * Every event type whose schema has changed, with the upcasters that read its older versions.
 * A schema change adds its upcaster to its aggregate's events.ts and the list here; the registry
 * checks each chain at start-up.
 */
export const eventUpcasters: UpcasterRegistry = createUpcasterRegistry([...inventoryEventUpcasters]);
