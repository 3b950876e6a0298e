import { ERASED } from './erasure.js';
import type { CustomerEvent, CustomerEventType } from './events.js';

/** Keys of `T` whose value may be null: only those can be declared PII (the schema must allow ERASED). */
type ErasableKeys<T> = { [K in keyof T]-?: null extends T[K] ? K : never }[keyof T];

type EventOfType<Type extends CustomerEventType> = Extract<CustomerEvent, { type: Type }>;

export type CustomerPiiFields = {
  readonly [Type in CustomerEventType]: readonly ErasableKeys<EventOfType<Type>['data']>[];
};

/**
 * For every customer event type, the top-level `data` fields that are PII. The command side encrypts
 * exactly these with the customer's key before appending and decrypts them after reading; once the
 * key is destroyed they decode to ERASED. Typed so that a field can be listed only if the event
 * schema accepts ERASED for it; pii.unit.spec.ts checks the converse (no nullable field is missing).
 * Ids, roles and times are not PII: they identify nothing once the personal fields are gone.
 */
export const customerPiiFields: CustomerPiiFields = {
  CustomerRegistered: ['email', 'name', 'passwordHash'],
  CustomerProfileUpdated: ['name', 'phone'],
  CustomerAddressAdded: ['address'],
  CustomerAddressRemoved: [],
  CustomerPasswordChanged: ['passwordHash'],
  CustomerRoleGranted: [],
  CustomerRoleRevoked: [],
  CustomerErased: [],
};

/**
 * The event as it reads after its key was destroyed: each PII field that was present becomes ERASED
 * (an absent optional field stays absent). For decoders that find no key, and for tests.
 */
export function withPiiErased<Event extends CustomerEvent>(event: Event): Event {
  const fields: readonly string[] = customerPiiFields[event.type];
  if (fields.length === 0) return event;
  const data: Record<string, unknown> = { ...event.data };
  for (const field of fields) {
    if (data[field] !== undefined) data[field] = ERASED;
  }
  // Sound: only fields whose schema accepts ERASED were replaced (enforced by CustomerPiiFields).
  return { ...event, data } as Event;
}
