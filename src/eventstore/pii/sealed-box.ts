import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM in a small, versioned, self-describing string: `<prefix>:v1:<iv>:<tag>:<ciphertext>`,
 * each part base64url. One format serves PII fields in events (prefix `pii`) and data keys wrapped
 * with the master key (prefix `wk`). A string keeps the envelope JSON-safe inside `jsonb` and
 * makes a sealed value recognisable; the version leaves room for another algorithm later.
 *
 * The associated data (`aad`) binds a sealed value to where it belongs (the customer, the field),
 * so ciphertext copied to another row or field fails authentication instead of decrypting.
 */

const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
/** 96 bits: GCM's native nonce size. Random per seal; a key seals far fewer than 2^32 values. */
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;

/** Authentication failed (wrong key, tampered or misplaced ciphertext) or the envelope is malformed. */
export class SealedBoxError extends Error {
  override readonly name = 'SealedBoxError';
}

export function seal(prefix: string, key: Buffer, plaintext: Buffer | string, aad: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url'));
  return [prefix, VERSION, ...parts].join(':');
}

export function isSealed(prefix: string, value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(`${prefix}:`);
}

export function open(prefix: string, key: Buffer, sealed: string, aad: string): Buffer {
  const parts = sealed.split(':');
  if (parts.length !== 5 || parts[0] !== prefix) throw new SealedBoxError(`not a ${prefix} envelope`);
  if (parts[1] !== VERSION) throw new SealedBoxError(`unsupported ${prefix} envelope version ${parts[1]}`);
  const [iv, tag, ciphertext] = parts.slice(2).map((part) => Buffer.from(part, 'base64url')) as [Buffer, Buffer, Buffer];
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SealedBoxError(`malformed ${prefix} envelope`);
  try {
    const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch (error) {
    throw new SealedBoxError(`${prefix} envelope failed authentication`, { cause: error });
  }
}
