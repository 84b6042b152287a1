import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { templateById, type Profile } from '../profile';
import { sh } from '../shell';
import { CAIRN_VERSION, makeReceipt, parseReceipt, receiptText, withoutSecrets, writeReceipt } from './receipt';

const ROOT_HASH = '$6$rootsalt$' + 'R'.repeat(86);
const USER_HASH = '$6$usersalt$' + 'U'.repeat(86);

/** A profile holding every kind of secret a profile can hold. */
function secretive(): Profile {
  const p = templateById('old-pc')?.make() as Profile;
  return {
    ...p,
    rootPasswordHash: ROOT_HASH,
    user: { ...(p.user as NonNullable<Profile['user']>), passwordHash: USER_HASH },
    interfaces: [
      ...p.interfaces,
      {
        name: 'wlan0',
        auto: true,
        ipv4: { mode: 'dhcp' },
        ipv6: { mode: 'none' },
        wifi: { ssid: 'Shed', passphrase: 'correct horse battery' },
        extraOptions: { inet: ['wpa-psk another-passphrase', 'mtu 1400'], inet6: [] },
      },
    ],
    proxy: 'http://jane:proxy-password@proxy.lan:3128',
    apkRepos: { mode: 'urls', urls: ['https://mirror-user:mirror-password@mirror.lan/alpine/v3.20/main'], community: false },
    disk: { ...p.disk, encrypt: true, passphrase: 'luks-open-sesame' },
  };
}
const SECRETS = [ROOT_HASH, USER_HASH, 'correct horse battery', 'another-passphrase', 'proxy-password', 'mirror-password', 'luks-open-sesame'];

describe('the receipt', () => {
  it('keeps no secret of the profile, and names where each was taken out', () => {
    const text = receiptText(makeReceipt({ kind: 'install', profile: secretive(), profileId: 'p-1', at: new Date('2026-12-01T10:00:00Z'), applied: ['setup-alpine'] }));
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    expect(withoutSecrets(secretive()).removed).toEqual([
      'interfaces.1.wifi.passphrase',
      'interfaces.1.extraOptions.inet.0',
      'proxy',
      'apkRepos.urls.0',
      'user.passwordHash',
      'rootPasswordHash',
      'disk.passphrase',
    ]);
  });

  it('keeps everything else of the profile, so drift can compare the box with it', () => {
    const { profile } = withoutSecrets(secretive());
    expect(profile.interfaces[1]).toMatchObject({ wifi: { ssid: 'Shed', passphrase: '' }, extraOptions: { inet: ['mtu 1400'] } });
    expect(profile.proxy).toBe('http://proxy.lan:3128');
    expect(profile.apkRepos.urls).toEqual(['https://mirror.lan/alpine/v3.20/main']);
    expect(profile.disk).toEqual({ ...secretive().disk, passphrase: '' });
    expect({ ...profile, interfaces: [], proxy: null, apkRepos: null, user: null, rootPasswordHash: null, disk: null }).toEqual({
      ...secretive(),
      interfaces: [],
      proxy: null,
      apkRepos: null,
      user: null,
      rootPasswordHash: null,
      disk: null,
    });
  });

  it('reads back what it wrote; an apply keeps the install that made the box', () => {
    const install = makeReceipt({ kind: 'install', profile: secretive(), profileId: 'p-1', at: new Date('2026-12-01T10:00:00Z'), applied: ['setup-alpine', 'disk'] });
    const read = parseReceipt(receiptText(install));
    expect(read).toEqual(install);
    expect(read).toMatchObject({
      profileName: 'Old PC',
      profileId: 'p-1',
      cairnVersion: CAIRN_VERSION,
      at: '2026-12-01T10:00:00.000Z',
      madeBy: { profileId: 'p-1', at: '2026-12-01T10:00:00.000Z' },
    });
    const apply = makeReceipt({
      kind: 'apply',
      profile: { ...secretive(), name: 'Other' },
      profileId: 'p-2',
      at: new Date('2026-12-24T08:00:00Z'),
      applied: ['hostname'],
      notApplied: [{ what: 'dns', why: 'guarded' }],
      previous: read,
    });
    expect(apply).toMatchObject({
      kind: 'apply',
      profileName: 'Other',
      madeBy: { profileName: 'Old PC', at: '2026-12-01T10:00:00.000Z' },
      notApplied: [{ what: 'dns', why: 'guarded' }],
    });
  });

  it('reads nothing from a missing, damaged or foreign file', () => {
    expect(parseReceipt('')).toBeNull();
    expect(parseReceipt('{ not json')).toBeNull();
    expect(parseReceipt('{"format": 2}')).toBeNull();
  });

  it("carries package.json's version", () => {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string };
    expect(CAIRN_VERSION).toBe(pkg.version);
  });

  it('is written whole from stdin: folder 0755, file 0644, no stray copy', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cairn-receipt-'));
    const file = join(dir, 'etc/cairn/receipt.json');
    const text = receiptText(makeReceipt({ kind: 'install', profile: secretive(), profileId: null, at: new Date(), applied: [] }));
    const run = spawnSync('/bin/sh', ['-c', `umask 077 && ${sh(...writeReceipt(file))}`], { input: text, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect(statSync(join(dir, 'etc/cairn')).mode & 0o777).toBe(0o755);
    expect(statSync(file).mode & 0o777).toBe(0o644);
    expect(readdirSync(join(dir, 'etc/cairn'))).toEqual(['receipt.json']);
  });
});
