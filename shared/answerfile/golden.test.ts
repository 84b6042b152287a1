import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorsOf, TEMPLATES, validate, type Profile } from '../profile';
import { parse, render } from '.';

const FIXTURES = path.resolve(import.meta.dirname, 'fixtures');
// The real setup-alpine runs live beside the repository (../shared), never in it.
const RUNS = path.resolve(import.meta.dirname, '../../../shared/alpine/setup-alpine-runs');

const read = (file: string) => readFileSync(path.join(FIXTURES, file), 'utf8');
const json = (name: string) => JSON.parse(read(`${name}.json`)) as Profile;
const errors = (diagnostics: ReturnType<typeof parse>['diagnostics']) => diagnostics.filter((d) => d.severity === 'error');
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.startsWith(needle)) + 1;

const CAIRN_FIXTURES = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.answers') && f !== 'alpine-conf-template.answers')
  .map((f) => f.replace(/\.answers$/, ''));

describe('golden answer files written by Cairn', () => {
  it('has a pair for every template and the wifi, disk and hostile-text examples', () => {
    expect(CAIRN_FIXTURES.sort()).toEqual([...TEMPLATES.map((t) => t.id), 'hostile-text', 'lvm-crypt-raid', 'wifi-ipv6-static'].sort());
  });

  it.each(TEMPLATES.map((t) => [t.id, t] as const))('keeps the %s pair in step with its template', (id, t) => {
    expect(json(id)).toEqual(t.make());
  });

  it.each(CAIRN_FIXTURES)('renders %s.json to its .answers file byte for byte', (name) => {
    const profile = json(name);
    expect(errorsOf(validate(profile))).toEqual([]);
    expect(render(profile)).toBe(read(`${name}.answers`));
  });

  it.each(CAIRN_FIXTURES)('parses %s.answers back to its .json without errors', (name) => {
    const { profile, diagnostics } = parse(read(`${name}.answers`));
    expect(errors(diagnostics)).toEqual([]);
    expect(profile).toEqual(json(name));
  });
});

describe("alpine-conf's own template (setup-alpine -c)", () => {
  const text = read('alpine-conf-template.answers');

  it('parses to the expected profile', () => {
    expect(parse(text).profile).toEqual(json('alpine-conf-template'));
  });

  it('keeps the DHCP hostname option and the -u as they are, and validation says what the -u means', () => {
    const { profile, diagnostics } = parse(text);
    expect(diagnostics).toEqual([]);
    expect(profile.interfaces[0]?.extraOptions).toEqual({ inet: ['hostname alpine-test'], inet6: [] });
    expect(profile.user).toMatchObject({ name: 'juser', unlock: 'yes', sshKeys: [] });
    expect(validate(profile).filter((p) => p.path === 'user.unlock')).toEqual([
      expect.objectContaining({ severity: 'warning', message: expect.stringContaining('the password is empty') }),
    ]);
    expect(lineOf(text, 'hostname alpine-test')).toBeGreaterThan(0);
  });

  it('keeps its meaning when Cairn renders it again', () => {
    const first = parse(text).profile;
    const again = parse(render(first));
    expect(errors(again.diagnostics)).toEqual([]);
    expect(again.profile).toEqual(first);
  });
});

describe('answer files of real setup-alpine runs', () => {
  const run = (name: string) => parse(readFileSync(path.join(RUNS, name, 'answers'), 'utf8'));

  it('reads the good run: static address, DNS, admin user with key', () => {
    const { profile, diagnostics } = run('ok');
    expect(diagnostics).toEqual([]);
    expect(profile.interfaces).toEqual([
      {
        name: 'eth0',
        auto: true,
        ipv4: { mode: 'static', address: '10.20.30.40', prefix: 24, gateway: '10.20.30.1' },
        ipv6: { mode: 'none' },
        wifi: null,
        extraOptions: { inet: [], inet6: [] },
      },
    ]);
    expect(profile.user).toMatchObject({ name: 'ops', admin: true, groups: ['audio', 'video', 'netdev'], fullName: '' });
    expect(profile.user?.sshKeys).toEqual([expect.stringMatching(/^ssh-ed25519 \S+ ops@desk$/)]);
    expect(profile).toMatchObject({ keymap: { layout: 'us', variant: 'us-intl' }, hostname: 'fixture-box', timezone: 'Europe/Berlin', ntp: 'chrony', sshd: 'openssh' });
    expect(profile.dns).toEqual({ searchDomain: 'lan', servers: ['10.20.30.1'] });
    expect(profile.apkRepos).toEqual({ mode: 'first', urls: [], community: true });
    expect(profile.disk.mode).toBe('none');
    // Diskless without an LBU medium is a live system setup-alpine completes: a warning, not an error.
    expect(errorsOf(validate(profile))).toEqual([]);
    expect(validate(profile).map((p) => [p.path, p.severity])).toContainEqual(['diskless.lbuMedia', 'warning']);
  });

  it('explains that the quoted full name of splituser is split and would create no user', () => {
    const { profile, diagnostics } = run('splituser');
    const user = diagnostics.filter((d) => d.variable === 'USEROPTS');
    expect(user.map((d) => d.line)).toEqual([16, 16]);
    expect(user.some((d) => /full name "Ops Team".*splits it at spaces.*no user/.test(d.message))).toBe(true);
    expect(profile.user).toMatchObject({ name: 'ops', fullName: 'Ops Team', admin: true });
  });

  it('keeps the bad hostname, zone and keymap so validation can point at them', () => {
    const badhost = run('badhost').profile;
    expect(badhost.hostname).toBe('bad_host');
    expect(errorsOf(validate(badhost)).map((p) => p.path)).toEqual(['hostname']);
    const badzone = run('badzone').profile;
    expect(badzone.timezone).toBe('Mars/Base');
    expect(errorsOf(validate(badzone)).map((p) => p.path)).toEqual(['timezone']);
    const badkeymap = run('badkeymap').profile;
    expect(badkeymap.keymap).toEqual({ layout: 'xx', variant: 'yy' });
    expect(errorsOf(validate(badkeymap)).map((p) => p.path)).toEqual(['keymap.layout']);
  });

  it('reads the sys disk run and warns that setup-disk would ask before erasing', () => {
    const { profile, diagnostics } = run('sysdisk');
    expect(profile.disk).toMatchObject({ mode: 'sys', disks: ['/dev/sda'], raid: false, lvm: false });
    expect(diagnostics).toEqual([expect.objectContaining({ line: 20, severity: 'warning', variable: 'ERASE_DISKS' })]);
  });
});
