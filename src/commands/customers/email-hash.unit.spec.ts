import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { emailHashSchema } from '../../domain/customer/index.js';
import { emailHashOf, resolveEmailHashSecret } from './email-hash.js';

describe('emailHashOf', () => {
  const secret = randomBytes(32);

  it('is one hex digest per normalised address, valid as a claim stream id', () => {
    const hash = emailHashOf(secret, '  Ada@Example.COM ');
    expect(hash).toBe(emailHashOf(secret, 'ada@example.com'));
    expect(emailHashSchema.safeParse(hash).success).toBe(true);
  });

  it('is keyed: neither a plain hash of the address nor the same under another secret', () => {
    const hash = emailHashOf(secret, 'ada@example.com');
    expect(hash).not.toBe(createHash('sha256').update('ada@example.com').digest('hex'));
    expect(hash).not.toBe(emailHashOf(randomBytes(32), 'ada@example.com'));
  });
});

describe('resolveEmailHashSecret', () => {
  const warn = () => undefined;

  it('takes a long enough configured secret, refuses a short one without echoing it', () => {
    expect(resolveEmailHashSecret({ value: 'x'.repeat(32), nodeEnv: 'production', warn })).toEqual(Buffer.from('x'.repeat(32)));
    expect(() => resolveEmailHashSecret({ value: 'tooShort', nodeEnv: 'development', warn })).toThrow(/at least 32/);
    expect(() => resolveEmailHashSecret({ value: 'tooShort', nodeEnv: 'development', warn })).not.toThrow(/tooShort/);
  });

  it('is required in production; development falls back to a fixed secret with a warning', () => {
    expect(() => resolveEmailHashSecret({ value: undefined, nodeEnv: 'production', warn })).toThrow(/required/);
    const warnings: string[] = [];
    const dev = resolveEmailHashSecret({ value: undefined, nodeEnv: 'test', warn: (m) => warnings.push(m) });
    expect(dev).toEqual(resolveEmailHashSecret({ value: '', nodeEnv: 'development', warn }));
    expect(warnings).toHaveLength(1);
  });
});
