import { readlink, stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TestTarget } from '../../e2e/target';
import { parseReceipt } from '../../shared/boxes';
import { defaultProfile, type Profile } from '../../shared/profile';
import { connectedBox, boxFile } from './box-target.test-support';
import { applyDrift, checkDrift, type ApplyGuarded } from './drift';

const V321 = 'https://dl-cdn.alpinelinux.org/alpine/v3.21';
const HASH = '$6$janesalt$' + 'J'.repeat(86);
const JANE_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGphbmUncyBrZXkgZm9yIHRoZSBkcmlmdCB0ZXN0 jane@desk';
const ROOT_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHJvb3QncyBrZXkgZm9yIHRoZSBkcmlmdCB0ZXN0 root@desk';

/** A diskless box that differs from a fresh test target in nearly every section. */
const profile = (): Profile => {
  const base = defaultProfile();
  return {
    ...base,
    name: 'Shed',
    hostname: 'cairn-box',
    keymap: { layout: 'us', variant: 'us-intl' },
    interfaces: [
      {
        name: 'eth0',
        auto: true,
        ipv4: { mode: 'static', address: '10.0.2.15', prefix: 24, gateway: '10.0.2.2' },
        ipv6: { mode: 'none' },
        wifi: null,
        extraOptions: { inet: [], inet6: [] },
      },
    ],
    dns: { searchDomain: 'shed.lan', servers: ['10.0.2.3'] },
    timezone: 'UTC',
    proxy: 'http://proxy.lan:3128',
    ntp: 'chrony',
    apkRepos: { mode: 'urls', urls: [`${V321}/main`], community: true },
    user: { name: 'jane', fullName: 'Jane Doe', groups: ['audio', 'video'], admin: true, sshKeys: [JANE_KEY], unlock: 'auto', passwordHash: HASH },
    rootSshKeys: [ROOT_KEY],
    sshd: 'openssh',
    disk: { ...base.disk, mode: 'none', disks: [] },
    diskless: { lbuMedia: 'usb', apkCacheDir: '/media/usb/cache' },
    packages: ['htop', 'nginx'],
    services: [
      { name: 'nginx', runlevel: 'default' },
      { name: 'crond', runlevel: 'boot' },
    ],
  };
};

/** The stand-in calls that change the box (facts read through apk version and lbu status too). */
const changes = async (target: TestTarget) =>
  ((await target.standIns?.records()) ?? [])
    .filter(
      (r) => (r.tool === 'apk' && ['add', 'del'].includes(r.argv[0] ?? '')) || r.tool === 'rc-update' || r.tool === 'rc-service' || (r.tool === 'lbu' && r.argv[0] === 'commit'),
    )
    .map((r) => `${r.tool} ${r.argv.join(' ')}`);

describe('drift between a box and its profile', () => {
  const env = connectedBox();

  it('finds each section the fresh box lacks, the ones that can cut Cairn off guarded', async () => {
    const found = await checkDrift(env.conn, { profile: profile() });
    if (!found.ok) throw new Error(found.error.message);
    expect(found.value.drift.map((d) => [d.field, d.item ?? d.expected, d.guarded])).toEqual([
      ['keymap', 'us us-intl', false],
      ['hostname', 'cairn-box', false],
      ['interfaces', 'eth0', true],
      ['dns', 'search shed.lan, nameserver 10.0.2.3', true],
      ['proxy', 'http://proxy.lan:3128', false],
      ['apkrepos', `${V321}/main`, false],
      ['apkrepos', `${V321}/community`, false],
      ['ntp', 'chrony', false],
      ['user', 'jane', false],
      ['user', 'jane password', false],
      ['sshd', 'openssh, enabled at boot', true],
      ['sshd', 'root keys', false],
      ['packages', 'htop', false],
      ['packages', 'nginx', false],
      ['services', 'nginx@default', false],
      ['services', 'crond@boot', false],
      ['lbu', 'usb', false],
      ['apkcache', '/media/usb/cache', false],
    ]);
    expect(found.value.drift.find((d) => d.field === 'interfaces')?.diff).toContainEqual({ side: 'profile', text: '    address 10.0.2.15/24' });
  });

  it('applies only the missing steps and not the guarded ones, leaves a receipt and commits; a second apply changes nothing', async () => {
    const log: string[] = [];
    const at = new Date('2026-12-24T08:00:00Z');
    const first = await applyDrift(env.conn, { profile: profile(), profileId: 'shed-1' }, { onOutput: (text, stream) => stream === 'cairn' && log.push(text), now: () => at });
    if (!first.ok) throw new Error(first.error.message);
    expect(first.value.ran.map((s) => s.id)).toEqual([
      'repositories',
      'keymap',
      'hostname',
      'proxy',
      'ntp',
      'user',
      'user-password',
      'root-keys',
      'packages',
      'services',
      'lbu',
      'apkcache',
    ]);
    expect(first.value.skipped.map((s) => s.id)).toEqual(['interfaces', 'dns', 'sshd']);
    expect(first.value.remaining.map((d) => [d.field, d.guarded])).toEqual([
      ['interfaces', true],
      ['dns', true],
      ['sshd', true],
    ]);
    expect(first.value).toMatchObject({ receipt: true, saved: { committed: true, note: 'Saved with lbu commit.' } });
    expect(log).toContain(
      'Not applied: Write /etc/network/interfaces (takes effect when networking restarts): it can cut Cairn off from the box, so Cairn applies it only with confirm-or-revert, and it was not kept (undone by the box, or not a change the box can undo by itself).\n',
    );
    expect(log.at(-1)).toBe('Saved with lbu commit.\n');

    // What the real setup-* helpers left on the box.
    const file = (name: string) => boxFile(env.target, name);
    expect(await file('etc/hostname')).toBe('cairn-box\n');
    expect(await file('etc/conf.d/loadkmap')).toBe('KEYMAP=/etc/keymap/us-intl.bmap.gz\n');
    expect(await file('etc/profile.d/proxy.sh')).toContain('export http_proxy=http://proxy.lan:3128\n');
    expect(await file('etc/passwd')).toMatch(/^jane:x:\d+:\d+:Jane Doe:\/home\/jane:/m);
    expect(await file('etc/shadow')).toContain(`jane:${HASH}:`);
    expect(await file('etc/group')).toMatch(/^wheel:x:10:root,jane$/m);
    expect(await file('home/jane/.ssh/authorized_keys')).toBe(`${JANE_KEY}\n`);
    expect(await file('root/.ssh/authorized_keys')).toContain(`${ROOT_KEY}\n`);
    expect(await file('etc/lbu/lbu.conf')).toMatch(/^LBU_MEDIA=usb$/m);
    expect(await readlink(path.join(env.target.root ?? '', 'etc/apk/cache'))).toBe('/media/usb/cache');
    expect(await file('etc/network/interfaces').catch(() => null)).toBeNull();
    const made = await changes(env.target);
    expect(made).toEqual(
      expect.arrayContaining(['apk add --no-progress htop nginx', 'rc-update add nginx default', 'rc-update add crond boot', 'rc-update add chronyd default', 'lbu commit']),
    );
    expect(made.filter((c) => c === 'lbu commit')).toHaveLength(1);

    const receiptText = await file('etc/cairn/receipt.json');
    expect((await stat(path.join(env.target.root ?? '', 'etc/cairn/receipt.json'))).mode & 0o777).toBe(0o644);
    expect((await stat(path.join(env.target.root ?? '', 'etc/cairn'))).mode & 0o777).toBe(0o755);
    expect(receiptText).not.toContain(HASH);
    expect(parseReceipt(receiptText)).toMatchObject({
      kind: 'apply',
      profileId: 'shed-1',
      profileName: 'Shed',
      at: '2026-12-24T08:00:00.000Z',
      applied: first.value.ran.map((s) => s.id),
      notApplied: [{ what: 'interfaces' }, { what: 'dns' }, { what: 'sshd' }],
      madeBy: null,
      removed: ['user.passwordHash'],
    });

    const quiet: string[] = [];
    const again = await applyDrift(env.conn, { profile: profile(), profileId: 'shed-1' }, { onOutput: (text, stream) => stream === 'cairn' && quiet.push(text) });
    expect(again).toMatchObject({ ok: true, value: { ran: [], receipt: false, saved: null } });
    expect(quiet.at(-1)).toBe('Nothing to change: the box already has everything of the profile Shed that Cairn can apply.\n');
    expect(await changes(env.target)).toEqual(made);
    expect(await file('etc/cairn/receipt.json')).toBe(receiptText);
  });

  it('compares the box with the profile its receipt records', async () => {
    const found = await checkDrift(env.conn, 'receipt');
    if (!found.ok) throw new Error(found.error.message);
    expect(found.value).toMatchObject({ profileId: 'shed-1', secretsKnown: false, profile: { name: 'Shed', user: { passwordHash: null } } });
    expect(found.value.facts.receipt).toMatchObject({ kind: 'apply', profileName: 'Shed', at: '2026-12-24T08:00:00.000Z' });
    expect(found.value.drift.map((d) => d.field)).toEqual(['interfaces', 'dns', 'sshd']);
  });

  it('stops at the first step the box refuses, naming the box and its error', async () => {
    // setup-timezone refuses a zone the box has no zone file for.
    const result = await applyDrift(env.conn, { profile: { ...profile(), hostname: 'renamed', timezone: 'Mars/Base' } }, { label: 'cairn-box' });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'remote-failed', exitCode: 1, message: 'cairn-box refused "Set the time zone to Mars/Base": \'Mars/Base\' is not a valid timezone on this system' },
    });
    expect(await boxFile(env.target, 'etc/hostname')).toBe('renamed\n');
  });
});

describe('applying on a box that runs from RAM without lbu media', () => {
  const env = connectedBox();

  it('says the changes were not saved, and why', async () => {
    const bare: Profile = { ...defaultProfile(), hostname: 'lonely', keymap: null, ntp: 'none', user: null, sshd: 'none' };
    const result = await applyDrift(env.conn, { profile: bare });
    expect(result).toMatchObject({
      ok: true,
      value: {
        ran: [{ id: 'hostname' }],
        receipt: true,
        saved: {
          committed: false,
          note: 'Not saved with lbu commit: lbu has no media to save to (no LBU_MEDIA in /etc/lbu/lbu.conf). The changes are lost at the next reboot unless the box is set up to keep them (setup-lbu) and committed.',
        },
      },
    });
    expect(await changes(env.target)).toEqual([]);
  });

  it('hands the guarded steps to confirm-or-revert when it is given, and records what stayed', async () => {
    const bare: Profile = { ...defaultProfile(), hostname: 'lonely', keymap: null, ntp: 'none', user: null, sshd: 'openssh', dns: { searchDomain: 'lan', servers: [] } };
    const asked: string[][] = [];
    // Stands in for the confirm-or-revert service: the interfaces change stayed, the SSH server's was reverted.
    const applyGuarded: ApplyGuarded = async (steps, _profile, config) => {
      asked.push(
        steps.map((s) => s.id),
        [String(config.interfaces === null)],
      );
      return { ok: true, value: steps.filter((s) => s.id === 'interfaces') };
    };
    const result = await applyDrift(env.conn, { profile: bare }, { applyGuarded });
    expect(asked).toEqual([['interfaces', 'sshd'], ['true']]);
    expect(result).toMatchObject({ ok: true, value: { ran: [{ id: 'interfaces' }], skipped: [{ id: 'sshd' }], receipt: true } });
    expect(parseReceipt(await boxFile(env.target, 'etc/cairn/receipt.json'))).toMatchObject({ applied: ['interfaces'], notApplied: [{ what: 'sshd' }] });
  });
});
