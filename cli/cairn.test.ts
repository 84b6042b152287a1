import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { render } from '../shared/answerfile';
import { templateById, type Profile } from '../shared/profile';

const REPO = resolve(import.meta.dirname, '..');
const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGsZ4t0h8vKq1XbWq0d9n3Yy0dTGQZ1nJ9yP8mFvZr2c jane@laptop';
const ROOT_HASH = '$6$rootsalt$' + 'R'.repeat(86);
let dir: string;

function cairn(args: string[], input?: string) {
  const r = spawnSync(process.execPath, ['bin/cairn.js', ...args], { cwd: REPO, input: input ?? '', encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function make(id: string, change: (p: Profile) => Profile = (p) => p): Profile {
  const p = templateById(id)!.make();
  return change({ ...p, user: { ...p.user!, sshKeys: [KEY] } });
}

const profileFile = (name: string, p: unknown) => file(name, JSON.stringify(p));

beforeAll(() => {
  const build = spawnSync(process.execPath, ['scripts/build-node.mjs'], { cwd: REPO, encoding: 'utf8' });
  expect(build.stderr).toBe('');
  expect(build.status).toBe(0);
  dir = mkdtempSync(join(tmpdir(), 'cairn-cli-'));
});

describe('cairn usage', () => {
  it.each([['--help'], ['help'], ['-h']])('prints usage on stdout for %s', (...args) => {
    const r = cairn(args);
    expect(r).toMatchObject({ status: 0, stderr: '' });
    expect(r.stdout).toMatch(/^Usage: cairn COMMAND/);
    for (const command of ['render', 'parse', 'validate', 'plan']) expect(r.stdout).toContain(`  ${command} `);
  });

  it("prints a command's own help for COMMAND --help", () => {
    const r = cairn(['render', '--help']);
    expect(r).toMatchObject({ status: 0, stderr: '' });
    expect(r.stdout).toMatch(/^Usage: cairn render PROFILE\.json\n/);
  });

  it('asks for a command when given none', () => {
    const r = cairn([]);
    expect(r).toMatchObject({ status: 2, stdout: '' });
    expect(r.stderr).toMatch(/^Give a command\.\n\nUsage: cairn/);
  });

  it('names an unknown command', () => {
    const r = cairn(['frobnicate', 'x.json']);
    expect(r).toMatchObject({ status: 2, stdout: '' });
    expect(r.stderr).toMatch(/^"frobnicate" is not a cairn command\.\n\nUsage: cairn/);
  });

  it.each([
    [['render'], 'cairn render takes exactly one file (none was given); use - for standard input.'],
    [['validate', 'a.json', 'b.json'], 'cairn validate takes exactly one file (got 2); use - for standard input.'],
    [['render', '--doas', 'a.json'], 'cairn render has no option --doas.'],
    [['plan', '--force', 'a.json'], 'cairn plan has no option --force.'],
  ])('rejects %j with a sentence and the usage', (args, message) => {
    const r = cairn(args);
    expect(r).toMatchObject({ status: 2, stdout: '' });
    expect(r.stderr.startsWith(`${message}\n\nUsage: cairn`)).toBe(true);
  });
});

describe('cairn with files it cannot use', () => {
  it.each([
    ['a missing file', () => join(dir, 'nope.json'), 'there is no such file'],
    [
      'a directory',
      () => {
        const d = join(dir, 'adir');
        mkdirSync(d, { recursive: true });
        return d;
      },
      'it is a directory, not a file',
    ],
  ])('says which file cannot be read: %s', (_what, path, reason) => {
    const p = path();
    for (const command of ['render', 'validate', 'plan', 'parse']) {
      const r = cairn([command, p]);
      expect(r).toEqual({ status: 2, stdout: '', stderr: `Cannot read ${p}: ${reason}. Check the path and that you may read it.\n` });
    }
  });

  it('says a file is not JSON', () => {
    const p = file('broken.json', '{"schemaVersion": 2,');
    const r = cairn(['render', p]);
    expect(r).toMatchObject({ status: 2, stdout: '' });
    expect(r.stderr).toMatch(new RegExp(`^${p} is not valid JSON \\(.+\\)\\. Give a profile file saved by Cairn\\.\\n$`));
  });

  it('says JSON that is no profile is not one', () => {
    const r = cairn(['render', profileFile('other.json', { hello: 'world' })]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('(profile): This is not a Cairn profile (it has no format version).\n');
  });
});

describe('cairn render', () => {
  it('prints the answer file of a valid profile', () => {
    const p = make('vm');
    const r = cairn(['render', profileFile('vm.json', p)]);
    expect(r).toEqual({ status: 0, stdout: render(p), stderr: '' });
    expect(r.stdout).toMatch(/^DISKOPTS=.*\/dev\/vda/m);
  });

  it('reads the profile from standard input with -, noting what setup-alpine leaves to the plan', () => {
    const p = make('router');
    expect(cairn(['render', '-'], JSON.stringify(p))).toEqual({
      status: 0,
      stdout: render(p),
      stderr: 'note: setup-alpine ignores the CAIRN_* lines (extra packages, services, IP forwarding); "cairn plan" lists the commands that apply them.\n',
    });
  });

  it('renders with warnings on stderr', () => {
    const p = templateById('vm')!.make();
    const r = cairn(['render', profileFile('nokey.json', p)]);
    expect(r).toMatchObject({ status: 0, stdout: render(p) });
    expect(r.stderr).toBe('user.sshKeys: warning: admin has neither an SSH key nor a password and will not be able to log in. Add a key.\n');
  });

  it('prints nothing and lists the errors of an invalid profile', () => {
    const path = profileFile(
      'bad.json',
      make('vm', (p) => ({ ...p, hostname: 'bad host!', disk: { ...p.disk, disks: [] } })),
    );
    const r = cairn(['render', path]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines.some((l) => l.startsWith('hostname: '))).toBe(true);
    expect(lines.some((l) => l.startsWith('disk.disks: Choose the disk'))).toBe(true);
    expect(lines.at(-1)).toBe(`${path} has 2 errors; fix them (cairn validate lists them) and run again.`);
  });

  it('upgrades a version 1 profile and says so', () => {
    const v1 = {
      schemaVersion: 1,
      name: 'Garage',
      hostname: 'garage',
      keymap: 'us us',
      interfaces: [{ name: 'eth0', dhcp: true }],
      packages: 'htop',
      disk: { mode: 'sys', disks: ['/dev/sda'] },
      rootSshKeys: [KEY],
    };
    const path = profileFile('v1.json', v1);
    const r = cairn(['render', path]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`${path}: read as profile format 1 and upgraded; save it again with Cairn to keep the new format.\n`);
    expect(r.stdout).toMatch(/^HOSTNAMEOPTS=.*garage/m);
  });
});

describe('cairn validate', () => {
  it('says a clean profile is valid', () => {
    const path = profileFile('clean.json', make('old-pc'));
    expect(cairn(['validate', path])).toEqual({ status: 0, stdout: `${path}: valid\n`, stderr: '' });
  });

  it('marks warnings and still passes', () => {
    const path = profileFile('warn.json', templateById('old-pc')!.make());
    expect(cairn(['validate', path])).toEqual({
      status: 0,
      stdout: `user.sshKeys: warning: admin has neither an SSH key nor a password and will not be able to log in. Add a key.\n${path}: valid (1 warning)\n`,
      stderr: '',
    });
  });

  it('lists every error with its field path and fails', () => {
    const path = profileFile(
      'errs.json',
      make('vm', (p) => ({ ...p, hostname: '-x', user: { ...p.user!, name: 'Root User', sshKeys: [] } })),
    );
    const r = cairn(['validate', path]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.map((l) => l.split(':')[0])).toEqual(['hostname', 'user.name', 'user.sshKeys', path]);
    expect(lines[2]).toMatch(/^user\.sshKeys: warning: /);
    expect(lines.at(-1)).toBe(`${path}: 2 errors, 1 warning`);
  });

  it('lists every damaged field of a current-format file', () => {
    const path = profileFile('damaged.json', { ...make('vm'), hostname: 5, ntp: 'sundial' });
    const r = cairn(['validate', path]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^hostname: This field has the wrong form/m);
    expect(r.stdout).toMatch(/^ntp: This field has the wrong form/m);
  });
});

describe('cairn parse', () => {
  it('prints the profile of an answer file as indented JSON', () => {
    const p = make('router');
    const path = file('router.answers', render(p));
    const r = cairn(['parse', path]);
    expect(r.status).toBe(0);
    expect(r.stdout.startsWith('{\n  "')).toBe(true);
    const parsed = JSON.parse(r.stdout) as Profile;
    expect(parsed.hostname).toBe('router');
    expect(parsed.interfaces.map((i) => i.name)).toEqual(['eth0', 'eth1']);
    expect(parsed.disk.disks).toEqual(['/dev/sda']);
    for (const line of r.stderr.split('\n').filter(Boolean)) expect(line).toMatch(new RegExp(`^${path}:(\\d+:)? (warning|info): `));
  });

  it('reports errors as FILE:LINE: severity: message and fails', () => {
    const path = file('evil.answers', 'KEYMAPOPTS="us us"\nHOSTNAMEOPTS="$(reboot)"\n');
    const r = cairn(['parse', path]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^${path}:2: error: .+$`, 'm'));
    expect(() => JSON.parse(r.stdout) as unknown).not.toThrow();
  });

  it('names standard input <stdin>', () => {
    const r = cairn(['parse', '-'], 'HOSTNAMEOPTS="$(reboot)"\n');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^<stdin>:1: error: /m);
  });
});

describe('cairn plan', () => {
  it('numbers the steps with their commands and marks the destructive one', () => {
    const r = cairn(['plan', profileFile('plan-vm.json', make('vm'))]);
    expect(r).toMatchObject({ status: 0, stderr: '' });
    expect(r.stdout).toBe(
      [
        '1. Run setup-alpine with the answer file (disk step held back) [setup-alpine]',
        '   uploads /tmp/cairn/answers (mode 0600)',
        '   $ setup-alpine -e -f /tmp/cairn/answers',
        '   long, stdin closed',
        '2. Remove the uploaded answer file [cleanup]',
        '   $ rm -f /tmp/cairn/answers',
        '   instant, runs even after a failure',
        '3. Install Alpine to /dev/vda [disk]',
        '   $ env ERASE_DISKS=/dev/vda BOOTFS=ext4 ROOTFS=ext4 VARFS=ext4 setup-disk -m sys -s 512 -k virt /dev/vda',
        '   long, stdin closed, DESTRUCTIVE: erases /dev/vda',
        '',
      ].join('\n'),
    );
  });

  it('runs everything through doas and reboots last when asked, never showing secrets', () => {
    const path = profileFile(
      'plan-iot.json',
      make('diskless-iot', (p) => ({ ...p, rootPasswordHash: ROOT_HASH })),
    );
    const r = cairn(['plan', '--doas', path, '--reboot']);
    expect(r).toMatchObject({ status: 0, stderr: '' });
    const commands = r.stdout.split('\n').filter((l) => l.startsWith('   $ '));
    expect(commands).toHaveLength(7);
    for (const c of commands) expect(c).toMatch(/^ {3}\$ doas /);
    expect(r.stdout).toContain('1. Set the root password [root-password]\n   $ doas chpasswd -e\n   reads standard input (not shown: it holds a secret)\n');
    expect(r.stdout).toMatch(/7\. Reboot \[reboot\]\n {3}\$ doas reboot\n {3}instant, ends the connection\n$/);
    expect(r.stdout).not.toContain('rootsalt');
    expect(r.stdout).not.toContain('DESTRUCTIVE');
  });

  it('refuses an invalid profile with nothing on stdout', () => {
    const r = cairn([
      'plan',
      profileFile(
        'plan-bad.json',
        make('vm', (p) => ({ ...p, disk: { ...p.disk, disks: ['sda'] } })),
      ),
    ]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^disk\.disks\.0: "sda" is not a disk device/m);
  });
});
