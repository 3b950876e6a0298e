import { createHmac } from 'node:crypto';
import { normaliseEmail } from '../../domain/customer/index.js';
import { developmentSecret, type SecretSettings } from '../../eventstore/pii/master-key.js';

/**
 * The id of an email's claim stream: HMAC-SHA-256 of the normalised address, hex. Keyed, so that
 * nobody holding the event log can confirm a guessed address by hashing it: after erasure the
 * claim stream's name must not point back to the person.
 */
export function emailHashOf(secret: Buffer, email: string): string {
  return createHmac('sha256', secret).update(normaliseEmail(email), 'utf8').digest('hex');
}

const MIN_SECRET_LENGTH = 32;

/**
 * `EMAIL_HASH_SECRET`, required in production. Changing it orphans every claim stream (each email
 * hashes to a new one), so it is set once. Development gets a fixed, public one with a warning.
 */
export function resolveEmailHashSecret(settings: SecretSettings): Buffer {
  const value = settings.value?.trim();
  if (value) {
    if (value.length < MIN_SECRET_LENGTH) throw new Error(`EMAIL_HASH_SECRET must be at least ${MIN_SECRET_LENGTH} characters`);
    return Buffer.from(value, 'utf8');
  }
  if (settings.nodeEnv === 'production') throw new Error('EMAIL_HASH_SECRET is required when NODE_ENV=production');
  settings.warn('EMAIL_HASH_SECRET is not set: using a fixed, publicly known development secret. Set it before storing real data.');
  return developmentSecret('email-hash-secret');
}
