import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, waitForSshBanner } from '../../e2e/target/net';
import { newBoxHostKey } from './host-key';

// The proof that a Dropbear box can be given its host key in advance: Debian's
// own dropbear tools read the file Cairn writes and serve that very key.

const dir = mkdtempSync(join(tmpdir(), 'cairn-dropbear-key-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a Dropbear host key made by Cairn', () => {
  const key = newBoxHostKey('pi-shed');
  const file = join(dir, 'dropbear_ed25519_host_key');
  writeFileSync(file, key.dropbearKey, { mode: 0o600 });

  it('is read by dropbearkey as the key whose fingerprint Cairn stores', () => {
    const printed = execFileSync('/usr/bin/dropbearkey', ['-y', '-f', file], { encoding: 'utf8' });
    const publicLine = printed.split('\n').find((l) => l.startsWith('ssh-ed25519 ')) ?? '';
    expect(publicLine.split(' ')[1]).toBe(key.base64);
  });

  it('is the key a dropbear server started with it presents, as OpenSSH fingerprints it', async () => {
    const port = await freePort();
    const server = spawn('/usr/sbin/dropbear', ['-F', '-E', '-s', '-p', `127.0.0.1:${port}`, '-r', file, '-P', join(dir, 'pid')], { stdio: 'ignore' });
    try {
      await waitForSshBanner('127.0.0.1', port, () => (server.exitCode === null ? null : `dropbear exited ${server.exitCode}`));
      const scanned = execFileSync('ssh-keyscan', ['-t', 'ed25519', '-p', String(port), '127.0.0.1'], { encoding: 'utf8' });
      const fingerprint = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', '-'], { input: scanned, encoding: 'utf8' });
      expect(fingerprint.split(' ')[1]).toBe(key.fingerprint);
    } finally {
      server.kill();
    }
  });
});
