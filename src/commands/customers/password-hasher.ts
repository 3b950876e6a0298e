import { hash, verify, type Options } from '@node-rs/argon2';

/** Password hashing as the command side needs it; hashes are PHC strings (`$argon2id$…`). */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** False for a wrong password and for a hash it cannot parse: a login never throws on bad data. */
  verify(passwordHash: string, password: string): Promise<boolean>;
}

export type Argon2Options = Pick<Options, 'memoryCost' | 'timeCost' | 'parallelism'>;

/**
 * The cost the hashes were made with before the switch from node-argon2 (its defaults: 64 MiB,
 * 3 passes, 4 lanes), kept so that no password got cheaper to crack. It is above OWASP's minimum
 * (19 MiB, 2 passes, 1 lane, @node-rs/argon2's own defaults); tests pass cheaper options for speed.
 */
const defaults: Required<Argon2Options> = { memoryCost: 65_536, timeCost: 3, parallelism: 4 };

/**
 * Argon2id on @node-rs/argon2 (prebuilt Rust binaries, no node-gyp). Hashes are the standard PHC
 * encoding, which carries its own parameters and salt: hashes written by node-argon2 verify
 * unchanged. Hashing runs off the event loop, on libuv's thread pool.
 */
export function createArgon2PasswordHasher(options: Argon2Options = {}): PasswordHasher {
  // The algorithm is left to the library's default, Argon2id (its const enum cannot be read under isolatedModules).
  const settings: Options = { ...defaults, ...options };
  return {
    hash: (password) => hash(password, settings),
    async verify(passwordHash, password) {
      try {
        return await verify(passwordHash, password);
      } catch {
        return false;
      }
    },
  };
}
