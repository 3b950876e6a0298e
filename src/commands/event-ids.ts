import { createHash } from 'node:crypto';

// A fixed namespace: the same command id always yields the same event ids, in every process.
const NAMESPACE = 'b3f4c6de-6a55-4f3e-9b8a-3c2d1e0f9a87';

/**
 * A name-based (version 5) uuid. Deriving event ids from the command id is what makes a retried
 * command harmless: the store recognises the ids and answers as the first time.
 */
export function uuidFromName(name: string, namespace = NAMESPACE): string {
  const hash = createHash('sha1').update(namespace.replaceAll('-', ''), 'hex').update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function eventIdFor(commandId: string, index: number): string {
  return uuidFromName(`${commandId}/${index}`);
}
