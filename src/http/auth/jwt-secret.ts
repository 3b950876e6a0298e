import { developmentSecret, type SecretSettings } from '../../eventstore/pii/master-key.js';

const MIN_SECRET_LENGTH = 32;

/** `JWT_SECRET`, required in production; development gets a fixed, public one with a warning. */
export function resolveJwtSecret(settings: SecretSettings): Buffer {
  const value = settings.value?.trim();
  if (value) {
    if (value.length < MIN_SECRET_LENGTH) throw new Error(`JWT_SECRET must be at least ${MIN_SECRET_LENGTH} characters`);
    return Buffer.from(value, 'utf8');
  }
  if (settings.nodeEnv === 'production') throw new Error('JWT_SECRET is required when NODE_ENV=production');
  settings.warn('JWT_SECRET is not set: using a fixed, publicly known development secret. Set it before exposing the API.');
  return developmentSecret('jwt-secret');
}
