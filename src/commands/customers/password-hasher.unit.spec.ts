import { describe, expect, it } from 'vitest';
import { createArgon2PasswordHasher } from './password-hasher.js';

const cheap = createArgon2PasswordHasher({ memoryCost: 4096, timeCost: 2, parallelism: 1 });

describe('the argon2 password hasher (@node-rs/argon2)', () => {
  it('makes salted argon2id PHC hashes that verify the right password only', async () => {
    const first = await cheap.hash('correct horse battery');
    const second = await cheap.hash('correct horse battery');
    expect(first).toMatch(/^\$argon2id\$v=19\$m=4096,t=2,p=1\$/);
    expect(second).not.toBe(first);
    expect(await cheap.verify(first, 'correct horse battery')).toBe(true);
    expect(await cheap.verify(first, 'correct horse batterY')).toBe(false);
  });

  it('hashes at the cost node-argon2 used by default (64 MiB, 3 passes, 4 lanes)', async () => {
    expect(await createArgon2PasswordHasher().hash('correct horse battery')).toMatch(/^\$argon2id\$v=19\$m=65536,t=3,p=4\$/);
  });

  it('verifies hashes written by node-argon2 before the switch', async () => {
    // Made with argon2@0.45 (`hash(password, { type: 2 })`, and with cheap options): the stored format must keep working.
    const byDefault = '$argon2id$v=19$m=65536,p=4,t=3$l4aWgGE0XgO4GiNH/qDfow$lRRCYwe5gYD4hH6+apOfY/gJrlM4Jq2cYKIzM3vjr/A';
    const byCheap = '$argon2id$v=19$m=4096,p=1,t=2$vetaNHp2umIDgBkO2JeRwA$0M2LFu3fr9ryCWirJZrKZt9gtOwbdvc7G2cUCR2XYyA';
    expect(await cheap.verify(byDefault, 'correct horse battery')).toBe(true);
    expect(await cheap.verify(byCheap, 'correct horse battery')).toBe(true);
    expect(await cheap.verify(byCheap, 'wrong password')).toBe(false);
  });

  it('answers false, never throws, for a hash it cannot parse', async () => {
    expect(await cheap.verify('not a hash', 'x')).toBe(false);
    expect(await cheap.verify('$argon2id$v=19$m=4096,t=2,p=1$broken', 'x')).toBe(false);
  });
});
