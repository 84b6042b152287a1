import { randomBytes } from 'node:crypto';
import { encrypt } from 'unixcrypt';

// SHA-512 crypt ($6$), the format BusyBox `chpasswd -e` and musl's crypt()
// accept, so a profile carries a hash and the clear password never travels.
// unixcrypt implements Drepper's SHA-crypt; tests check it against the spec's
// vectors and against `openssl passwd -6`.

/** musl accepts up to 9,999,999; this costs about 0.15 s here and far less than a login prompt on a small board. */
export const DEFAULT_ROUNDS = 100_000;

const SALT_ALPHABET = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** 16 characters (the most SHA-crypt uses) from the crypt alphabet; uniform, as 256 is a multiple of 64. */
export function randomSalt(): string {
  return [...randomBytes(16)].map((b) => SALT_ALPHABET[b & 63]).join('');
}

export interface HashOptions {
  rounds?: number;
  salt?: string;
}

/** Synchronous: costs 0.4 s at the default rounds (2.4 s for a 4096-character password), so the app calls it through password-hash-thread.ts. */
export function hashPassword(password: string, options: HashOptions = {}): string {
  const rounds = options.rounds ?? DEFAULT_ROUNDS;
  const salt = options.salt ?? randomSalt();
  if (!/^[./0-9A-Za-z]{1,16}$/.test(salt)) throw new Error('A crypt salt is 1 to 16 characters from [./0-9A-Za-z].');
  return encrypt(password, `$6$rounds=${rounds}$${salt}`);
}
