import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sh } from '../shell';
import { defaultProfile } from '../profile';
import { plan } from './plan';
import { asRoot } from './privilege';
import { runWithShims } from './shims.test-support';
import { setFullName } from './user-steps';

const HOSTILE = "O'Brien $(touch x)";
const NASTY = 'Zoë "Z" \\n `id` & *? [a] ; $HOME \\\\ end';
const JANE = 'jane:x:1000:1000:Linux User,,,:/home/jane:/bin/sh';

const MINIROOTFS = process.env.CAIRN_MINIROOTFS ?? resolve(import.meta.dirname, '../../../shared/alpine/alpine-minirootfs-3.20.3-x86_64.tar.gz');

/** A passwd file like a fresh box after setup-user: the minirootfs's own accounts plus the new user. */
function passwdCopy(base: string): { dir: string; path: string; before: string } {
  const dir = mkdtempSync(join(tmpdir(), 'cairn-gecos-'));
  const before = `${base.trimEnd()}\n${JANE}\nguest:x:1001:1001:Linux User,,,:/home/guest:/bin/sh\n`;
  const path = join(dir, 'passwd');
  writeFileSync(path, before);
  return { dir, path, before };
}

const gecosOf = (passwd: string, user: string) =>
  passwd
    .split('\n')
    .find((l) => l.startsWith(`${user}:`))
    ?.split(':')[4];

type Shell = (command: string, cwd: string) => { status: number | null; stderr: string };

function proveFullName(shell: Shell, base: string) {
  for (const fullName of [HOSTILE, NASTY]) {
    const { dir, path, before } = passwdCopy(base);
    const run = shell(sh(...setFullName('jane', fullName, path)), dir);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const after = readFileSync(path, 'utf8');
    expect(gecosOf(after, 'jane')).toBe(fullName);
    expect(after).toBe(before.replace(JANE, `jane:x:1000:1000:${fullName}:/home/jane:/bin/sh`));
    expect(readdirSync(dir)).toEqual(['passwd']);
  }
}

function proveMissingUser(shell: Shell, base: string) {
  const { dir, path, before } = passwdCopy(base);
  const run = shell(sh(...setFullName('nobody-here', 'A B', path)), dir);
  expect(run.status).not.toBe(0);
  expect(readFileSync(path, 'utf8')).toBe(before);
  expect(readdirSync(dir)).toEqual(['passwd']);
}

describe('the full-name step', () => {
  it('is the planned command, reading /etc/passwd', () => {
    const p = defaultProfile();
    const step = plan({ ...p, user: { ...p.user!, name: 'jane', fullName: HOSTILE } }, { privilege: 'root' }).find((s) => s.id === 'user-fullname');
    expect(step?.command).toBe(sh(...setFullName('jane', HOSTILE)));
    expect(step?.command).toContain(' /etc/passwd > /etc/passwd.cairn-new && ');
  });

  describe('with the host /bin/sh and awk', () => {
    const hostSh: Shell = (command, cwd) => spawnSync('/bin/sh', ['-c', command], { cwd, encoding: 'utf8' });
    const base = 'root:x:0:0:root:/root:/bin/sh\nbin:x:1:1:bin:/bin:/sbin/nologin\n';

    it('sets the GECOS field to exactly the full name and runs nothing from it', () => proveFullName(hostSh, base));
    it('fails and leaves passwd untouched when the user does not exist', () => proveMissingUser(hostSh, base));

    it('keeps the name intact when nested in doas sh -c', () => {
      const { dir, path, before } = passwdCopy(base);
      const run = runWithShims(asRoot(setFullName('jane', NASTY, path), { privilege: 'doas' }), [], { cwd: dir });
      expect(run.status).toBe(0);
      expect(readFileSync(path, 'utf8')).toBe(before.replace(JANE, `jane:x:1000:1000:${NASTY}:/home/jane:/bin/sh`));
      expect(readdirSync(dir)).toEqual(['passwd']);
    });
  });

  describe("with Alpine's BusyBox (sh, env, awk, chmod, mv) from the minirootfs", () => {
    let busybox: Shell;
    let base: string;

    beforeAll(() => {
      expect(existsSync(MINIROOTFS), `the Alpine minirootfs is missing: set CAIRN_MINIROOTFS to ${MINIROOTFS}'s location`).toBe(true);
      const root = mkdtempSync(join(tmpdir(), 'cairn-alpine-'));
      const tar = spawnSync('tar', ['xzf', MINIROOTFS, '-C', root, './bin/busybox', './lib/ld-musl-x86_64.so.1', './etc/passwd']);
      expect(tar.status).toBe(0);
      base = readFileSync(join(root, 'etc/passwd'), 'utf8');
      // musl binaries need musl's loader on a glibc host; every tool the step
      // calls is a BusyBox applet reached through it, so no host tool runs.
      const loader = join(root, 'lib/ld-musl-x86_64.so.1');
      const bin = join(root, 'applets');
      spawnSync('mkdir', [bin]);
      for (const applet of ['env', 'awk', 'chmod', 'mv', 'rm', 'touch', 'id']) {
        writeFileSync(join(bin, applet), `#!/bin/sh\nexec ${sh(loader, join(root, 'bin/busybox'), applet)} "$@"\n`);
        chmodSync(join(bin, applet), 0o755);
      }
      busybox = (command, cwd) => spawnSync(loader, [join(root, 'bin/busybox'), 'sh', '-c', command], { cwd, encoding: 'utf8', env: { PATH: bin } });
    });

    it('sets the GECOS field to exactly the full name and runs nothing from it', () => proveFullName(busybox, base));
    it('fails and leaves passwd untouched when the user does not exist', () => proveMissingUser(busybox, base));
  });
});
