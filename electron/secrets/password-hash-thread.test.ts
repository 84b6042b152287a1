import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { isCryptHash } from '../../shared/profile/values';
import { DEFAULT_ROUNDS, hashPassword } from './password-hash';
import { hashPasswordOffThread } from './password-hash-thread';

/** The longest password the secrets:hash-password channel accepts (shared/api/secrets.ts). */
const LONGEST = 'x'.repeat(4096);

/** Runs `work` while a 5 ms timer re-arms itself; resolves with the work's result and the timer's worst lateness. */
async function whileTicking<T>(work: () => Promise<T>): Promise<{ result: T; worstLateMs: number; ticks: number }> {
  let worstLateMs = 0;
  let ticks = 0;
  let timer: NodeJS.Timeout | undefined;
  const tick = (due: number) => {
    timer = setTimeout(() => {
      worstLateMs = Math.max(worstLateMs, performance.now() - due);
      ticks += 1;
      tick(performance.now() + 5);
    }, 5);
  };
  tick(performance.now() + 5);
  try {
    const result = await work();
    return { result, worstLateMs, ticks };
  } finally {
    clearTimeout(timer);
  }
}

const openssl = (salt: string, password: string) =>
  execFileSync('openssl', ['passwd', '-6', '-salt', salt, '-stdin'], { input: `${password}\n` })
    .toString()
    .trim();

describe('hashing a password off the main thread', () => {
  it('keeps the event loop ticking while the longest password is hashed', async () => {
    await hashPasswordOffThread('warm-up', { rounds: 1000 }); // the first call compiles the thread's script; time only the hash
    const started = performance.now();
    const { result, worstLateMs, ticks } = await whileTicking(() => hashPasswordOffThread(LONGEST));
    const tookMs = performance.now() - started;
    expect(isCryptHash(result)).toBe(true);
    // The hash takes long enough (seconds) for a blocked loop to show: on the main thread the timer would
    // be late by the whole hash. Off it, the timer kept firing throughout; the bound leaves room for a
    // machine busy with other tests (a quiet one sees a few ms).
    expect(tookMs).toBeGreaterThan(200);
    expect(ticks).toBeGreaterThan(tookMs / 100);
    expect(worstLateMs).toBeLessThan(Math.max(50, tookMs / 4));
  });

  it('gives the same SHA-512 crypt as before, which openssl verifies', async () => {
    const hash = await hashPasswordOffThread("pässwörd with 'quotes' & $ymbols", { salt: 'abcdefgh' });
    expect(hash).toBe(hashPassword("pässwörd with 'quotes' & $ymbols", { salt: 'abcdefgh' }));
    expect(hash).toBe(openssl(`rounds=${DEFAULT_ROUNDS}$abcdefgh`, "pässwörd with 'quotes' & $ymbols"));
  });

  it('makes a fresh salt each time, so the same password hashes differently', async () => {
    const [a, b] = await Promise.all([hashPasswordOffThread('same', { rounds: 5000 }), hashPasswordOffThread('same', { rounds: 5000 })]);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^\$6\$rounds=5000\$[./0-9A-Za-z]{16}\$[./0-9A-Za-z]{86}$/);
    expect(a).toBe(openssl(a.split('$').slice(2, 4).join('$'), 'same'));
  });

  it('brings a refusal back from the thread as an error with its sentence', async () => {
    await expect(hashPasswordOffThread('x', { salt: 'no$dollars' })).rejects.toThrow(/crypt salt is 1 to 16 characters/);
  });
});
