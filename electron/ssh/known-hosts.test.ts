import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hostKeyFromBase64 } from './fingerprint';
import { acceptHostKey, checkHostKey, type HostTrust } from './known-hosts';

const blob = (type: string, filler: number) => {
  const name = Buffer.from(type);
  const head = Buffer.alloc(4);
  head.writeUInt32BE(name.length);
  return hostKeyFromBase64(Buffer.concat([head, name, Buffer.alloc(36, filler)]).toString('base64'));
};
const ED_A = blob('ssh-ed25519', 1);
const ED_B = blob('ssh-ed25519', 2);
const RSA = blob('ssh-rsa', 3);

describe('the host key trust store', () => {
  let dir: string;
  let trust: HostTrust;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'cairn-kh-'));
    trust = { storePath: path.join(dir, 'cairn', 'known_hosts'), userKnownHostsPath: path.join(dir, 'user_known_hosts') };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('knows nothing at first, even without files', async () => {
    expect(await checkHostKey(trust, 'box', 22, ED_A)).toEqual({ status: 'unknown' });
  });

  it('trusts an accepted key, in a file only the user can read', async () => {
    await acceptHostKey(trust, 'box', 2222, ED_A);
    expect(readFileSync(trust.storePath, 'utf8')).toBe(`[box]:2222 ssh-ed25519 ${ED_A.base64}\n`);
    expect(statSync(trust.storePath).mode & 0o777).toBe(0o600);
    expect(await checkHostKey(trust, 'box', 2222, ED_A)).toEqual({ status: 'trusted', source: 'cairn' });
    expect(await checkHostKey(trust, 'box', 22, ED_A)).toEqual({ status: 'unknown' });
  });

  it('calls another key for a known host changed, naming the key it expected', async () => {
    await acceptHostKey(trust, 'box', 22, ED_A);
    expect(await checkHostKey(trust, 'box', 22, ED_B)).toEqual({ status: 'changed', expected: ED_A, knownIn: 'cairn' });
    expect(await checkHostKey(trust, 'box', 22, RSA)).toEqual({ status: 'changed', expected: ED_A, knownIn: 'cairn' });
  });

  it('replaces only that host and port when a new key is accepted', async () => {
    await acceptHostKey(trust, 'box', 22, ED_A);
    await acceptHostKey(trust, 'nas', 22, RSA);
    await acceptHostKey(trust, 'box', 22, ED_B);
    expect(readFileSync(trust.storePath, 'utf8')).toBe(`nas ssh-rsa ${RSA.base64}\nbox ssh-ed25519 ${ED_B.base64}\n`);
  });

  it("trusts the user's own known_hosts but never writes to it", async () => {
    writeFileSync(trust.userKnownHostsPath ?? '', `box ssh-ed25519 ${ED_A.base64}\n`);
    expect(await checkHostKey(trust, 'box', 22, ED_A)).toEqual({ status: 'trusted', source: 'user' });
    await acceptHostKey(trust, 'box', 22, ED_B);
    expect(readFileSync(trust.userKnownHostsPath ?? '', 'utf8')).toBe(`box ssh-ed25519 ${ED_A.base64}\n`);
    expect(await checkHostKey(trust, 'box', 22, ED_B)).toEqual({ status: 'trusted', source: 'cairn' });
  });

  it('never takes a certificate-authority line for a trusted host key', async () => {
    writeFileSync(trust.userKnownHostsPath ?? '', `@cert-authority box ssh-ed25519 ${ED_A.base64}\n`);
    expect(await checkHostKey(trust, 'box', 22, ED_A)).toEqual({ status: 'unknown' });
  });

  it('refuses a key revoked in the user’s known_hosts, naming that file, though Cairn’s own store trusts it', async () => {
    await acceptHostKey(trust, 'box', 22, ED_A);
    writeFileSync(trust.userKnownHostsPath ?? '', `box ssh-ed25519 ${ED_A.base64}\n@revoked * ssh-ed25519 ${ED_A.base64}\n`);
    expect(await checkHostKey(trust, 'box', 22, ED_A)).toEqual({ status: 'revoked', file: trust.userKnownHostsPath });
    // Revoking a key says nothing of the host's other keys.
    expect(await checkHostKey(trust, 'box', 22, ED_B)).toEqual({ status: 'changed', expected: ED_A, knownIn: 'cairn' });
  });

  it('refuses a key revoked in Cairn’s own store, and only for the hosts the @revoked line names', async () => {
    mkdirSync(path.dirname(trust.storePath), { recursive: true });
    writeFileSync(trust.storePath, `@revoked box,[box]:2222 ssh-ed25519 ${ED_B.base64}\n`);
    writeFileSync(trust.userKnownHostsPath ?? '', `box ssh-ed25519 ${ED_B.base64}\nnas ssh-ed25519 ${ED_B.base64}\n`);
    expect(await checkHostKey(trust, 'box', 22, ED_B)).toEqual({ status: 'revoked', file: trust.storePath });
    expect(await checkHostKey(trust, 'box', 2222, ED_B)).toEqual({ status: 'revoked', file: trust.storePath });
    expect(await checkHostKey(trust, 'nas', 22, ED_B)).toEqual({ status: 'trusted', source: 'user' });
  });
});
