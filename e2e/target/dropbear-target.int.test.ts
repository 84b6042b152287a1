import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDropbearTarget } from './dropbear-target';
import { sshRun } from './target-exec.test-support';
import type { TestTarget } from './target-types';

describe('Dropbear test target', () => {
  let target: TestTarget;
  beforeAll(async () => {
    target = await startDropbearTarget();
  });
  afterAll(async () => {
    await target?.stop();
  });

  it('is Dropbear, logging in as its own host account', async () => {
    const run = await sshRun(target, 'id -un; echo "$SSH_CONNECTION" | cut -d" " -f3-');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${target.user}\n127.0.0.1 ${target.port}\n`);
    expect(target.serverLog()).toContain('Pubkey auth succeeded');
    expect(target.root).toBeNull();
    expect(target.standIns).toBeNull();
  });

  it('reports the fingerprint of the key Dropbear serves, in OpenSSH format', () => {
    expect(target.hostKeyFingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(target.hostPublicKey).toMatch(/^ssh-ed25519 AAAA\S+$/);
  });

  it('serves a new host key on the same port after replaceHostKey', async () => {
    const before = target.hostKeyFingerprint;
    await target.replaceHostKey();
    expect(target.hostKeyFingerprint).not.toBe(before);
    expect((await sshRun(target, 'echo again')).stdout).toBe('again\n');
  });

  it('leaves no process, login or directory behind', async () => {
    const other = await startDropbearTarget();
    const session = sshRun(other, 'sleep 300');
    await expect.poll(() => other.processes().some((p) => p.command === 'sleep 300')).toBe(true);
    await other.stop();
    await session;
    expect(other.processes()).toEqual([]);
    expect(existsSync(`/var/lib/cairn-test/${other.user.replace('cairn-', '')}`)).toBe(false);
    expect(readFileSync('/etc/passwd', 'utf8')).not.toContain(`${other.user}:`);
  });
});
