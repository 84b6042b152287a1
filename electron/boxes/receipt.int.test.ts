import { describe, expect, it } from 'vitest';
import { parseReceipt } from '../../shared/boxes';
import { sh } from '../../shared/shell';
import { defaultProfile, type Profile } from '../../shared/profile';
import { exec } from '../ssh/exec';
import { runTarget } from '../runs/run-target';
import { loginTo, runsFolder } from '../runs/runs.test-support';
import { boxFile, connectedBox } from './box-target.test-support';
import { checkDrift } from './drift';
import { gatherFacts } from './facts';

const ROOT_HASH = '$6$rootsalt$' + 'R'.repeat(86);
const USER_HASH = '$6$usersalt$' + 'U'.repeat(86);
const PASSPHRASE = 'correct horse battery staple';
const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGdhcmFnZSBrZXkgZm9yIHRoZSByZWNlaXB0IHRlc3Q jane@desk';

/** A diskless board holding every secret a profile can hold: both password hashes and a wifi passphrase. */
function garage(): Profile {
  const base = defaultProfile();
  return {
    ...base,
    name: 'Garage',
    hostname: 'garage',
    interfaces: [
      ...base.interfaces,
      { name: 'wlan0', auto: true, ipv4: { mode: 'dhcp' }, ipv6: { mode: 'none' }, wifi: { ssid: 'Garage', passphrase: PASSPHRASE }, extraOptions: { inet: [], inet6: [] } },
    ],
    rootPasswordHash: ROOT_HASH,
    user: { ...(base.user as NonNullable<Profile['user']>), name: 'jane', sshKeys: [KEY], passwordHash: USER_HASH },
    disk: { ...base.disk, mode: 'none', disks: [] },
    diskless: { lbuMedia: 'usb', apkCacheDir: null },
  };
}

describe('the receipt an install leaves on the box', () => {
  const env = connectedBox();

  it('is written by the install, holds none of the secrets, and is saved by lbu with the rest of /etc', async () => {
    const runs = runsFolder();
    const login = loginTo(env.target);
    try {
      const done = await runTarget({
        targetId: 'garage',
        connect: login.connect,
        profile: garage(),
        openRun: runs.openRun,
        planOptions: { receipt: { profileId: 'garage-1', at: new Date('2026-12-01T10:00:00Z') } },
      });
      expect(done.error).toBeNull();
      expect(done.summary.steps.map((s) => s.id)).toEqual([
        'preflight',
        'root-password',
        'wifi-wlan0',
        'setup-alpine',
        'cleanup',
        'user-password',
        'packages',
        'receipt',
        'lbu-commit',
      ]);
    } finally {
      login.cleanup();
      runs.cleanup();
    }

    const text = await boxFile(env.target, 'etc/cairn/receipt.json');
    for (const secret of [ROOT_HASH, USER_HASH, PASSPHRASE]) expect(text).not.toContain(secret);
    expect(parseReceipt(text)).toMatchObject({
      kind: 'install',
      profileId: 'garage-1',
      profileName: 'Garage',
      at: '2026-12-01T10:00:00.000Z',
      applied: ['root-password', 'wifi-wlan0', 'setup-alpine', 'user-password', 'packages', 'lbu-commit'],
      madeBy: { profileId: 'garage-1', profileName: 'Garage' },
      removed: ['interfaces.1.wifi.passphrase', 'user.passwordHash', 'rootPasswordHash'],
      profile: { hostname: 'garage', user: { name: 'jane', sshKeys: [KEY], passwordHash: null } },
    });

    // What the real lbu saves is what `apk audit --backup` lists (apk's default protected paths cover /etc);
    // the lbu-commit step after the receipt saved it, so nothing about it is left uncommitted.
    const audit = await exec(env.conn, sh('apk', 'audit', '--backup', '--quiet', '--recursive', '--check-permissions'), { timeoutMs: 60_000 });
    expect(audit.ok && audit.value.stdout.split('\n')).toContain('etc/cairn/receipt.json');
    const status = await exec(env.conn, sh('lbu', 'status'), { timeoutMs: 60_000 });
    expect(status.ok && status.value.stdout).not.toContain('etc/cairn');
  });

  it('tells the Boxes screen who made the box, and drift compares the box with the profile it records', async () => {
    const facts = await gatherFacts(env.conn);
    expect(facts.ok && facts.value.receipt).toEqual({
      kind: 'install',
      profileId: 'garage-1',
      profileName: 'Garage',
      at: '2026-12-01T10:00:00.000Z',
      cairnVersion: expect.any(String),
      madeBy: { profileId: 'garage-1', profileName: 'Garage', at: '2026-12-01T10:00:00.000Z', cairnVersion: expect.any(String) },
    });
    // The real installer did what drift expects of each section: the freshly installed box matches its receipt.
    const found = await checkDrift(env.conn, 'receipt');
    if (!found.ok) throw new Error(found.error.message);
    expect(found.value.drift).toEqual([]);
    // Against the saved profile, secrets included, it matches too: the wifi passphrase on the box is the profile's.
    const saved = await checkDrift(env.conn, { profile: garage(), profileId: 'garage-1' });
    expect(saved.ok && saved.value.drift).toEqual([]);
    const changed = await checkDrift(env.conn, {
      profile: { ...garage(), interfaces: garage().interfaces.map((i) => (i.wifi ? { ...i, wifi: { ...i.wifi, passphrase: 'another passphrase' } } : i)) },
    });
    expect(changed.ok && changed.value.drift.map((d) => [d.field, d.actual])).toEqual([['interfaces', '/etc/network/interfaces differs (the wifi passphrase too)']]);
    expect(JSON.stringify(changed.ok && changed.value.drift)).not.toContain(PASSPHRASE);
  });
});
