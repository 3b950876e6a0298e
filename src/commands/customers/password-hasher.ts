import { hash, verify, type HashOptions } from 'argon2';

/** Password hashing as the command side needs it; hashes are PHC strings (`$argon2id$…`). */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** False for a wrong password and for a hash it cannot parse: a login never throws on bad data. */
  verify(passwordHash: string, password: string): Promise<boolean>;
}

export type Argon2Options = Pick<HashOptions, 'memoryCost' | 'timeCost' | 'parallelism'>;

/**
 * Argon2id (node-argon2, prebuilt binaries shipped in the package). The library's defaults
 * (64 MiB, 3 passes, 4 lanes) exceed OWASP's minimum; tests pass cheaper options for speed.
 * Hashing runs on libuv's thread pool, so the event loop is not blocked while it works.
 */
export function createArgon2PasswordHasher(options: Argon2Options = {}): PasswordHasher {
  return {
    hash: (password) => hash(password, { ...options, type: 2 }),
    async verify(passwordHash, password) {
      try {
        return await verify(passwordHash, password);
      } catch {
        return false;
      }
    },
  };
}
