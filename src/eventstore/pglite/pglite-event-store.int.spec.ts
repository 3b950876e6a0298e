import { describeEventStoreContract } from '../contract/event-store.contract.js';
import { createPGliteEventStore } from './pglite-event-store.js';

describeEventStoreContract('pglite (in memory)', () => createPGliteEventStore({ pglite: 'memory://' }));
