import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultProfile, errorsOf, validate, type Profile } from '../profile';
import { validProfile } from '../profile/arbitrary.test-support';
import { DISK_ENVIRONMENT } from './disk-parse';
import { CAIRN_VARIABLES, render, SETUP_ALPINE_VARIABLES, toAssignments } from '.';

// setup-alpine sources the answer file with BusyBox ash; so does this test,
// through musl's loader because the host has no musl (ALPINE-FACTS).
const FIXTURES = path.resolve(import.meta.dirname, 'fixtures');
const TARBALL = path.resolve(import.meta.dirname, '../../../shared/alpine/alpine-minirootfs-3.20.3-x86_64.tar.gz');
const NAMES = [...SETUP_ALPINE_VARIABLES, ...CAIRN_VARIABLES, ...DISK_ENVIRONMENT, 'APKREPO_DEFAULT_ANSWER'];
/** Commands a hostile value might try to run; each records itself if it ever runs. */
const TRIPWIRES = [
  'touch',
  'rm',
  'id',
  'reboot',
  'poweroff',
  'sh',
  'ash',
  'bash',
  'cat',
  'date',
  'tee',
  'ls',
  'mkdir',
  'mv',
  'cp',
  'chmod',
  'wget',
  'curl',
  'nc',
  'apk',
  'env',
  'hostname',
  'pwned',
  'x',
  'net',
  'secret',
  'busybox',
];
const SPLIT = '\0CAIRN-SPLIT\0';

let scratch = '';
let shell: string[] = [];
let tripwires = '';
let log = '';

beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'cairn-answerfile-'));
  if (existsSync(TARBALL)) {
    const root = path.join(scratch, 'root');
    mkdirSync(root);
    execFileSync('tar', ['-xzf', TARBALL, '-C', root, './bin/busybox', './lib/ld-musl-x86_64.so.1']);
    shell = [path.join(root, 'lib/ld-musl-x86_64.so.1'), path.join(root, 'bin/busybox'), 'sh'];
  } else {
    console.warn(`BusyBox was NOT used: ${TARBALL} is missing, so answer files are sourced with the host's /bin/sh instead of Alpine's shell.`);
    shell = ['/bin/sh'];
  }
  tripwires = path.join(scratch, 'tripwires');
  mkdirSync(tripwires);
  log = path.join(scratch, 'tripped.log');
  for (const name of TRIPWIRES) {
    const file = path.join(tripwires, name);
    writeFileSync(file, `#!/bin/sh\nprintf '%s\\n' "$0 $*" >> '${log}'\n`);
    chmodSync(file, 0o755);
  }
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Sourced {
  values: Map<string, string>;
  exported: Set<string>;
  output: string;
  leftover: { before: string; after: string };
  tripped: boolean;
  created: string[];
  stderr: string;
  status: number | null;
}

/** Sources `text` in a fresh directory with only tripwires on PATH, then reads back every variable. */
const source = (text: string): Sourced => sourceNames(text, NAMES);

function sourceNames(text: string, names: readonly string[]): Sourced {
  const run = mkdtempSync(path.join(scratch, 'run-'));
  const home = path.join(run, 'home');
  const cwd = path.join(run, 'cwd');
  mkdirSync(home);
  mkdirSync(cwd);
  const file = path.join(run, 'answers');
  writeFileSync(file, text);
  const split = `printf '${SPLIT.replaceAll('\0', '\\0')}'`;
  const script = [
    'set',
    split,
    '. "$1"',
    split,
    ...names.map((n) => `printf '%s\\0%s\\0' "\${${n}+set}" "$${n}"`),
    split,
    'export -p',
    split,
    `unset ${names.join(' ')}`,
    'set',
  ].join('\n');
  const r = spawnSync(shell[0] ?? '/bin/sh', [...shell.slice(1), '-c', script, 'sh', file], { cwd, env: { PATH: tripwires, HOME: home } });
  const [before = '', output = '', valueText = '', exportText = '', after = ''] = r.stdout.toString('utf8').split(SPLIT);
  const fields = valueText.split('\0');
  const values = new Map<string, string>();
  names.forEach((n, k) => {
    if (fields[2 * k] === 'set') values.set(n, fields[2 * k + 1] ?? '');
  });
  const exported = new Set(names.filter((n) => new RegExp(`^export ${n}=`, 'm').test(exportText)));
  const created = [...readdirSync(cwd), ...readdirSync(home)];
  const tripped = existsSync(log);
  rmSync(run, { recursive: true, force: true });
  rmSync(log, { force: true });
  return { values, exported, output, leftover: { before, after }, tripped, created, stderr: r.stderr.toString('utf8'), status: r.status };
}

/** Sourcing ran nothing: no output, no command, no file, no error, and no variable beyond the expected ones. */
function expectInert(s: Sourced): void {
  expect(s.tripped).toBe(false);
  expect(s.created).toEqual([]);
  expect(s.stderr).toBe('');
  expect(s.output).toBe('');
  expect(s.status).toBe(0);
  expect(s.leftover.after).toBe(s.leftover.before);
}

const ifValue = (s: string) => s.replaceAll('#', '\\#');

/** The values a person typed, checked against what the shell ended up holding. */
function expectTyped(p: Profile, s: Sourced): void {
  expect(s.values.get('HOSTNAMEOPTS')).toBe(p.hostname);
  const u = p.user;
  if (u !== null && u.sshKeys.length > 0) expect(s.values.get('USERSSHKEY')).toBe(u.sshKeys.join('\n'));
  if (p.rootSshKeys.length > 0) expect(s.values.get('ROOTSSHKEY')).toBe(p.rootSshKeys.join('\n'));
  if (u !== null && u.fullName !== '') {
    if (s.values.has('CAIRN_USER_FULLNAME')) expect(s.values.get('CAIRN_USER_FULLNAME')).toBe(u.fullName);
    else expect(` ${s.values.get('USEROPTS')} `).toContain(` -f ${u.fullName} `);
  }
  for (const i of p.interfaces) {
    if (i.wifi === null) continue;
    expect(s.values.get('INTERFACESOPTS')).toContain(`\twifi-ssid ${ifValue(i.wifi.ssid)}\n`);
    if (i.wifi.passphrase !== '') expect(s.values.get('INTERFACESOPTS')).toContain(`\twifi-psk ${ifValue(i.wifi.passphrase)}\n`);
  }
  if (p.disk.mode !== 'none' && p.disk.kernelOptions !== '') expect(s.values.get('KERNELOPTS')).toBe(p.disk.kernelOptions);
}

const TARGETED = ["'", '"', '$(touch pwned)', '`touch pwned`', '; touch pwned', '\\', 'Zoë 🙂 日本', '$HOME', 'a\'b"c$(x)`y`;\\z'];
const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFixtureKeyNotARealKey000000000000000000';

/** A valid profile with one targeted hostile string put in every free-text field that allows it. */
const hostile = fc.tuple(validProfile, fc.constantFrom(...TARGETED)).map(([p, bad]): Profile => ({
  ...p,
  name: `${bad} profile`,
  user: { ...(p.user ?? defaultProfile().user!), fullName: bad, sshKeys: [`${KEY} ${bad}`] },
  rootSshKeys: [`${KEY} root ${bad}`],
  sshd: p.sshd === 'none' ? 'openssh' : p.sshd,
  interfaces: [
    {
      name: 'wlan0',
      auto: true,
      ipv4: { mode: 'dhcp' },
      ipv6: { mode: 'none' },
      wifi: { ssid: `net ${bad}`.replace(/["\\]/g, '#'), passphrase: `pass ${bad} #1`.replace(/["\\]|[^\x20-\x7e]/g, '%') },
      extraOptions: { inet: [], inet6: [] },
    },
  ],
  disk: p.disk.mode === 'none' ? p.disk : { ...p.disk, kernelOptions: `quiet ${bad}`.replace(/["'\\$`]/g, ';') },
}));

describe('sourcing a rendered answer file with /bin/sh', () => {
  it('defines exactly the variables Cairn meant, with the typed values, and runs nothing', () => {
    fc.assert(
      fc.property(fc.oneof(validProfile, hostile), (p) => {
        expect(errorsOf(validate(p))).toEqual([]);
        const text = render(p);
        const s = source(text);
        expectInert(s);
        const meant = toAssignments(text).assignments;
        expect(Object.fromEntries(s.values)).toEqual(Object.fromEntries([...meant.values()].map((a) => [a.name, a.value])));
        expect([...s.exported].sort()).toEqual(
          [...meant.values()]
            .filter((a) => a.exported)
            .map((a) => a.name)
            .sort(),
        );
        expectTyped(p, s);
      }),
      { numRuns: 50 },
    );
  });

  it('keeps the disk environment exported for setup-disk, and holds it back on request', () => {
    const p = { ...defaultProfile(), disk: { ...defaultProfile().disk, kernelOptions: 'quiet; reboot', efi: 'efi' as const } };
    const full = source(render(p));
    expectInert(full);
    expect([...full.exported].sort()).toEqual(['BOOTFS', 'ERASE_DISKS', 'KERNELOPTS', 'ROOTFS', 'USE_EFI', 'VARFS']);
    expect(full.values.get('KERNELOPTS')).toBe('quiet; reboot');
    const held = source(render(p, { holdBackDisk: true }));
    expectInert(held);
    expect(held.exported.size).toBe(0);
    expect(held.values.get('DISKOPTS')).toBe('none');
  });
});

const HAND_WRITTEN = [
  'A=plain B="double \\"quoted\\" \\$x \\`y\\` \\\\ \\q" C=\'single \\ "x"\'\n',
  'A=back\\ slash\\\nnext B=mi"x"\'ed\'\\\'q # comment\nexport C=1 D\nD="multi\nline\n\ttab"\n',
  "# only comments\n\n   A=  \nB=a#b C=''\nexport A\n",
  'A="$" B=a$ C="x\\\ny"\nexport B\n',
  'A="<<EOF"\nB=2 # <<EOF\nC=\'3\'\n',
];

describe('reading answer files without a shell', () => {
  const files = [
    ...HAND_WRITTEN,
    ...readdirSync(FIXTURES)
      .filter((f) => f.endsWith('.answers'))
      .map((f) => readFileSync(path.join(FIXTURES, f), 'utf8')),
  ];
  it.each(files.map((f, n) => [n, f]))('agrees with /bin/sh on every value and export (file %i)', (_n, text) => {
    const meant = toAssignments(text);
    expect(meant.diagnostics).toEqual([]);
    const names = [...meant.assignments.keys()];
    const s = sourceNames(text, names);
    expectInert(s);
    expect(Object.fromEntries(s.values)).toEqual(Object.fromEntries([...meant.assignments.values()].map((a) => [a.name, a.value])));
    expect([...s.exported].sort()).toEqual(
      [...meant.assignments.values()]
        .filter((a) => a.exported)
        .map((a) => a.name)
        .sort(),
    );
  });
});

type Change = (p: Profile) => void;
const withWifi: Change = (p) => {
  p.interfaces = [
    { name: 'wlan0', auto: true, ipv4: { mode: 'dhcp' }, ipv6: { mode: 'none' }, wifi: { ssid: 'Home', passphrase: 'correct horse' }, extraOptions: { inet: [], inet6: [] } },
  ];
};
const user = (p: Profile) => p.user!;

const REJECTED: Array<[string, string, Change]> = [
  ['a hostname with command substitution', 'hostname', (p) => (p.hostname = 'box$(touch pwned)')],
  ['a hostname with ;', 'hostname', (p) => (p.hostname = 'box;touch pwned')],
  ['a profile name with a line break', 'name', (p) => (p.name = 'Box\ntouch pwned')],
  ['an interface name with a line break and an up command', 'interfaces.0.name', (p) => (p.interfaces[0]!.name = 'eth0\n\tup touch pwned')],
  ['an SSID with a line break', 'interfaces.0.wifi.ssid', (p) => (withWifi(p), (p.interfaces[0]!.wifi!.ssid = 'Home\n\tup touch pwned'))],
  ['a passphrase with a quote and a trailing backslash', 'interfaces.0.wifi.passphrase', (p) => (withWifi(p), (p.interfaces[0]!.wifi!.passphrase = 'pass"word\\'))],
  ['a user name with backticks', 'user.name', (p) => (user(p).name = 'jane`touch pwned`')],
  ['a full name with a line break', 'user.fullName', (p) => (user(p).fullName = 'Jane\ntouch pwned')],
  ['a group with ; and ,', 'user.groups.0', (p) => (user(p).groups = ['wheel,root;touch'])],
  ['an SSH key with a second line', 'user.sshKeys.0', (p) => (user(p).sshKeys = [`${KEY} a\ntouch pwned`])],
  ['a proxy with a space and an option', 'proxy', (p) => (p.proxy = 'http://proxy:3128 -x')],
  ['a zone with a command', 'timezone', (p) => (p.timezone = 'Europe/Berlin; touch pwned')],
  ['a disk with a command', 'disk.disks.0', (p) => (p.disk.disks = ['/dev/sda; touch pwned'])],
  ['kernel options with $(…)', 'disk.kernelOptions', (p) => (p.disk.kernelOptions = 'quiet $(touch pwned)')],
  ['an LBU medium with ;', 'diskless.lbuMedia', (p) => ((p.disk.mode = 'none'), (p.diskless.lbuMedia = 'usb; touch pwned'))],
  ['a package with ;', 'packages.0', (p) => (p.packages = ['htop;touch'])],
  ['a service with $(…)', 'services.0.name', (p) => (p.services = [{ name: '$(touch pwned)', runlevel: 'default' }])],
  ['a repository URL with a space', 'apkRepos.urls.0', (p) => (p.apkRepos = { mode: 'urls', urls: ['http://x/ $(touch pwned)'], community: false })],
  ['a DNS server with ;', 'dns.servers.0', (p) => (p.dns.servers = ['1.1.1.1;touch'])],
  ['a wpa_supplicant path with a space', 'wifiConfigFile', (p) => (p.wifiConfigFile = '/etc/w pa.conf')],
  ['a full name with a NUL', 'user.fullName', (p) => (user(p).fullName = 'Jane\0Doe')],
];

describe('hostile values that validation rejects', () => {
  it.each(REJECTED)('rejects %s, and even then the rendered file runs nothing', (_what, path, change) => {
    const p = defaultProfile();
    change(p);
    expect(errorsOf(validate(p)).map((e) => e.path)).toContain(path);
    expectInert(source(render(p)));
  });
});
