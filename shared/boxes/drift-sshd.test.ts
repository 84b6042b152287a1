import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runWithShims } from '../plan/shims.test-support';
import { sh } from '../shell';
import { fixSteps } from './drift';
import { appendKeys } from './drift-keys';
import { driftOf, NEW_KEY, pi, piProfile, ROOT_KEY, rows } from './drift-pi.test-support';

describe('sshd drift', () => {
  it('wants the chosen server installed and enabled, guarded', () => {
    expect(rows({ ...piProfile(), sshd: 'dropbear' }, pi())).toEqual([
      { field: 'sshd', item: null, expected: 'dropbear, enabled at boot', actual: 'dropbear neither installed nor enabled', guarded: true },
    ]);
    const disabled = pi({ runlevels: '/etc/runlevels/boot/loadkmap\n/etc/runlevels/default/chronyd\n/etc/runlevels/default/mosquitto' });
    expect(rows({ ...piProfile(), services: [] }, disabled)).toEqual([
      { field: 'sshd', item: null, expected: 'openssh, enabled at boot', actual: 'sshd not enabled at boot', guarded: true },
    ]);
    expect(fixSteps(driftOf({ ...piProfile(), sshd: 'dropbear' }, pi()))).toMatchObject([{ id: 'sshd', command: 'setup-sshd dropbear', guarded: true }]);
  });

  it("adds root's missing keys, compared by key and not by comment, without guarding", () => {
    expect(driftOf({ ...piProfile(), rootSshKeys: [ROOT_KEY.replace('root@workshop', 'renamed')] }, pi())).toEqual([]);
    const [found] = driftOf({ ...piProfile(), rootSshKeys: [ROOT_KEY, NEW_KEY] }, pi());
    expect(found).toMatchObject({ field: 'sshd', item: 'root keys', expected: 'a key in /root/.ssh/authorized_keys', guarded: false });
    expect(found?.diff.map((l) => `${l.side} ${l.text}`)).toEqual(['both ssh-ed25519 AAAAC3NzaC1l…QgYWxsIQ root@workshop', 'profile ssh-ed25519 AAAAC3NzaC1l…cyBvbmx5 jane@desk']);
    expect(found?.fix?.command).toBe(sh(...appendKeys('/root', 'root', [NEW_KEY])));
    // The same command on a scratch home: keys appended after the old ones, modes as setup-sshd leaves them.
    const home = mkdtempSync(join(tmpdir(), 'cairn-home-'));
    mkdirSync(join(home, '.ssh'));
    writeFileSync(join(home, '.ssh/authorized_keys'), `${ROOT_KEY}\n`);
    const run = runWithShims(sh(...appendKeys(home, 'root', [NEW_KEY])), ['chown']);
    expect(run.status).toBe(0);
    expect(readFileSync(join(home, '.ssh/authorized_keys'), 'utf8')).toBe(`${ROOT_KEY}\n${NEW_KEY}\n`);
    expect(statSync(join(home, '.ssh')).mode & 0o777).toBe(0o700);
    expect(statSync(join(home, '.ssh/authorized_keys')).mode & 0o777).toBe(0o600);
    expect(run.calls.map((c) => [c.name, ...c.args])).toEqual([['chown', '-R', 'root:root', `${home}/.ssh`]]);
  });

  it('checks nothing when the profile has no SSH server', () => {
    expect(driftOf({ ...piProfile(), sshd: 'none', rootSshKeys: [NEW_KEY] }, pi({ world: 'alpine-base\nchrony\nmosquitto' }))).toEqual([]);
  });
});
