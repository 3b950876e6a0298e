import { afterAll } from 'vitest';
import { dropSchema, TEST_DATABASE_URL, uniqueSchema } from '../../../test/support/postgres.js';
import { describeEventStoreContract } from '../contract/event-store.contract.js';
import { createPostgresEventStore } from './postgres-event-store.js';

const schema = uniqueSchema('es_contract');
afterAll(() => dropSchema(schema));

describeEventStoreContract('postgres', () => createPostgresEventStore({ connectionString: TEST_DATABASE_URL, schema }));
