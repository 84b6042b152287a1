import { utils } from 'ssh2';
import { describe, expect, it } from 'vitest';
import { newBoxHostKey, newEd25519Pair } from './host-key';

describe('ed25519 keys made on the desktop', () => {
  // ssh2 writes about 1 in 1000 keys in a form it cannot read back: over
  // 3000 keys, one such would very likely (95%) slip through without the retry.
  it('always read back as the key they are', () => {
    for (let n = 0; n < 3000; n++) {
      const pair = newEd25519Pair(`k${n}`);
      const parsed = utils.parseKey(pair.private);
      expect(parsed instanceof Error ? parsed.message : null).toBeNull();
    }
  });

  it('gives a box host key whose public half, fingerprint and Dropbear file agree', () => {
    const key = newBoxHostKey('pi-kitchen');
    expect(key.publicKey).toMatch(/^ssh-ed25519 AAAA\S+ root@pi-kitchen$/);
    expect(key.fingerprint).toMatch(/^SHA256:/);
    expect(key.dropbearKey.length).toBe(83);
  });
});
