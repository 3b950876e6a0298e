import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LruCache } from './lru-cache.js';
import { developmentSecret, resolvePiiMasterKey } from './master-key.js';
import { isSealed, open, seal, SealedBoxError } from './sealed-box.js';

describe('sealed box', () => {
  const key = randomBytes(32);

  it('round-trips, with a fresh IV every time', () => {
    const a = seal('pii', key, 'Ada', 'c1/name');
    const b = seal('pii', key, 'Ada', 'c1/name');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^pii:v1:[\w-]{16}:[\w-]{22}:[\w-]+$/);
    expect(isSealed('pii', a)).toBe(true);
    expect(open('pii', key, a, 'c1/name').toString()).toBe('Ada');
  });

  it('refuses another key, other associated data, a tampered part or an unknown version', () => {
    const sealed = seal('pii', key, 'Ada', 'c1/name');
    expect(() => open('pii', randomBytes(32), sealed, 'c1/name')).toThrow(SealedBoxError);
    expect(() => open('pii', key, sealed, 'c2/name')).toThrow(SealedBoxError);
    const parts = sealed.split(':');
    parts[4] = Buffer.from('Bob').toString('base64url');
    expect(() => open('pii', key, parts.join(':'), 'c1/name')).toThrow(SealedBoxError);
    expect(() => open('pii', key, sealed.replace(':v1:', ':v9:'), 'c1/name')).toThrow(/version v9/);
    expect(() => open('pii', key, 'pii:v1:nope', 'c1/name')).toThrow(SealedBoxError);
  });
});

describe('resolvePiiMasterKey', () => {
  const warnings: string[] = [];
  const warn = (message: string) => warnings.push(message);

  it('decodes a configured key and never echoes a bad one', () => {
    const key = randomBytes(32);
    expect(resolvePiiMasterKey({ value: key.toString('base64'), nodeEnv: 'production', warn })).toEqual(key);
    expect(resolvePiiMasterKey({ value: key.toString('base64url'), nodeEnv: 'production', warn })).toEqual(key);
    expect(() => resolvePiiMasterKey({ value: 'c2hvcnQ=', nodeEnv: 'development', warn })).toThrow(/^PII_MASTER_KEY must be 32 bytes/);
    expect(() => resolvePiiMasterKey({ value: 'c2hvcnQ=', nodeEnv: 'development', warn })).not.toThrow(/c2hvcnQ/);
  });

  it('is required in production; development gets the fixed key with a warning', () => {
    expect(() => resolvePiiMasterKey({ value: undefined, nodeEnv: 'production', warn })).toThrow(/required/);
    expect(resolvePiiMasterKey({ value: '', nodeEnv: 'development', warn })).toEqual(developmentSecret('pii-master-key'));
    expect(warnings.at(-1)).toMatch(/NOT protected/);
  });
});

describe('LruCache', () => {
  it('drops the least recently used entry beyond capacity, and expired ones', () => {
    let now = 0;
    const cache = new LruCache<number>(2, 100, () => now);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.get('a');
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([1, undefined, 3]);
    now = 100;
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(1);
  });
});
