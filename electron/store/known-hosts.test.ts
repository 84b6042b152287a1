import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../services.test-support';
import { createKnownHostsStore, fingerprintOf } from './known-hosts';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

/** A real host key made by OpenSSH's ssh-keygen: type, base64 blob, and the fingerprint it prints. */
function realKey(name: string): { type: string; blob: string; fingerprint: string } {
  const file = join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', file]);
  const [type = '', blob = ''] = readFileSync(`${file}.pub`, 'utf8').trim().split(' ');
  const fingerprint =
    execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${file}.pub`])
      .toString()
      .split(' ')[1] ?? '';
  return { type, blob, fingerprint };
}

describe('Cairn’s known_hosts file', () => {
  it('lists keys with the fingerprint ssh-keygen shows, in a file ssh-keygen can search', async () => {
    const key = realKey('k1');
    const store = createKnownHostsStore(join(dir, 'known_hosts'));
    await store.add('10.0.0.5', 2222, key.type, key.blob);
    expect(fingerprintOf(key.blob)).toBe(key.fingerprint);
    expect(await store.list()).toEqual([{ host: '10.0.0.5', port: 2222, keyType: 'ssh-ed25519', key: key.blob, fingerprint: key.fingerprint }]);
    const found = execFileSync('ssh-keygen', ['-F', '[10.0.0.5]:2222', '-f', store.path]).toString();
    expect(found).toContain(key.blob);
  });

  it('replaces a key of the same type, forgets on request and keeps lines it does not understand', async () => {
    const path = join(dir, 'known_hosts');
    await writeFile(path, '# kept comment\n|1|hashed=|x= ssh-ed25519 AAAA\n');
    const store = createKnownHostsStore(path);
    const [a, b] = [realKey('a'), realKey('b')];
    await store.add('box', 22, a.type, a.blob);
    await store.add('box', 22, b.type, b.blob);
    expect((await store.lookup('box', 22)).map((e) => e.fingerprint)).toEqual([b.fingerprint]);
    expect(await store.remove('box', 22)).toBe(1);
    expect(await store.remove('box', 22)).toBe(0);
    expect(await readFile(path, 'utf8')).toBe('# kept comment\n|1|hashed=|x= ssh-ed25519 AAAA\n');
  });

  it('refuses to write a line whose host is a pattern, a list or more than one line, and writes nothing', async () => {
    const key = realKey('k');
    const store = createKnownHostsStore(join(dir, 'known_hosts'));
    for (const host of ['box\n*', 'box,*', '*', '|1|c2FsdA==|aGFzaA==', '@revoked']) {
      await expect(store.add(host, 22, key.type, key.blob)).rejects.toThrow(/refused to save a host key/);
    }
    await expect(store.add('box', 22, 'ssh-ed25519 x', key.blob)).rejects.toThrow(/not one SSH sends/);
    expect(await readFile(store.path, 'utf8').catch(() => 'no file')).toBe('no file');
  });
});
