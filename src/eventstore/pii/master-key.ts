import { createHash } from 'node:crypto';
import { KEY_BYTES } from './sealed-box.js';

export interface SecretSettings {
  /** The configured value (`PII_MASTER_KEY`: 32 bytes, base64 or base64url), if any. */
  readonly value: string | undefined;
  readonly nodeEnv: 'development' | 'production' | 'test';
  readonly warn: (message: string) => void;
}

/**
 * The key that wraps every customer's data key. Production must configure it: losing it makes
 * all PII unreadable, and a guessable one protects nothing. Development and tests get a fixed key
 * derived from a public string, so that an embedded data dir stays readable across restarts; it is
 * announced loudly because data written under it is not protected at all.
 */
export function resolvePiiMasterKey(settings: SecretSettings): Buffer {
  const value = settings.value?.trim();
  if (value) {
    // Node's base64 decoder skips junk silently: check the alphabet first. Never echo the value.
    const key = /^[A-Za-z0-9+/_-]+={0,2}$/.test(value) ? Buffer.from(value, 'base64') : Buffer.alloc(0);
    if (key.length !== KEY_BYTES) throw new Error(`PII_MASTER_KEY must be ${KEY_BYTES} bytes, base64-encoded`);
    return key;
  }
  if (settings.nodeEnv === 'production') throw new Error('PII_MASTER_KEY is required when NODE_ENV=production');
  settings.warn(
    'PII_MASTER_KEY is not set: using a fixed, publicly known development key. Customer PII written now is NOT protected; ' +
      'set PII_MASTER_KEY (32 random bytes, base64: `openssl rand -base64 32`) before storing real data.',
  );
  return developmentSecret('pii-master-key');
}

/** A fixed secret per purpose, the same in every development process: never for real data. */
export function developmentSecret(purpose: string): Buffer {
  return createHash('sha256').update(`commerce-core/development-only/${purpose}`).digest();
}
