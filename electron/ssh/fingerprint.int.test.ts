import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostKeyFromBase64 } from './fingerprint';

describe('host key fingerprints', () => {
  it('reads the key type and matches the fingerprint ssh-keygen prints', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cairn-fp-'));
    try {
      for (const type of ['ed25519', 'rsa', 'ecdsa']) {
        const file = path.join(dir, type);
        execFileSync('ssh-keygen', ['-q', '-t', type, '-N', '', '-f', file]);
        const [keyType, base64] = readFileSync(`${file}.pub`, 'utf8').split(' ');
        const printed = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${file}.pub`], { encoding: 'utf8' }).split(' ')[1];
        const key = hostKeyFromBase64(base64 ?? '');
        expect(key.type).toBe(keyType);
        expect(key.fingerprint).toBe(printed);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a blob whose type field is nonsense', () => {
    expect(() => hostKeyFromBase64(Buffer.from([0, 0, 9, 0, 1]).toString('base64'))).toThrow(/cannot be read/);
  });
});
