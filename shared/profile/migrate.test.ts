import { describe, expect, it } from 'vitest';
import { defaultProfile } from './defaults';
import { loadProfile } from './migrate';

const v1 = {
  schemaVersion: 1,
  name: 'Garage box',
  hostname: 'garage',
  keymap: 'de de-nodeadkeys',
  interfaces: [
    { name: 'eth0', dhcp: false, address: '192.168.7.20/24', gateway: '192.168.7.1' },
    { name: 'eth1', dhcp: true },
  ],
  packages: 'htop  nftables ',
  disk: { mode: 'sys', disks: ['/dev/sda', '/dev/sdb'] },
};

describe('loadProfile', () => {
  it('loads a current profile unchanged', () => {
    const p = defaultProfile();
    expect(loadProfile(JSON.parse(JSON.stringify(p)))).toEqual({ ok: true, profile: p, migratedFrom: null });
  });

  it('migrates a version 1 profile, keeping what the user entered', () => {
    const loaded = loadProfile(v1);
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.migratedFrom).toBe(1);
    const p = loaded.profile;
    expect(p.schemaVersion).toBe(3);
    expect(p.name).toBe('Garage box');
    expect(p.hostname).toBe('garage');
    expect(p.keymap).toEqual({ layout: 'de', variant: 'de-nodeadkeys' });
    expect(p.interfaces[0]?.ipv4).toEqual({ mode: 'static', address: '192.168.7.20', prefix: 24, gateway: '192.168.7.1' });
    expect(p.interfaces[1]?.ipv4).toEqual({ mode: 'dhcp' });
    expect(p.packages).toEqual(['htop', 'nftables']);
    expect(p.disk.raid).toBe(true);
    expect(p.disk.disks).toEqual(['/dev/sda', '/dev/sdb']);
  });

  it('brings a version 2 profile to version 3: no kept options, -u as before (auto), zone copied, setup-disk quiet', () => {
    const { timezoneMode: _t, ...current } = defaultProfile();
    const v2 = {
      ...current,
      schemaVersion: 2,
      interfaces: current.interfaces.map(({ extraOptions: _e, ...i }) => i),
      user: { name: 'jane', fullName: '', groups: [], admin: true, sshKeys: [], passwordHash: null },
      disk: (({ verbose: _v, bootMb: _b, ...d }) => d)(current.disk),
    };
    const loaded = loadProfile(v2);
    expect(loaded).toMatchObject({ ok: true, migratedFrom: 2 });
    if (!loaded.ok) return;
    expect(loaded.profile).toEqual({ ...defaultProfile(), user: { ...v2.user, unlock: 'auto' } });
  });

  it('maps a version 1 "none" keymap and a missing prefix', () => {
    const loaded = loadProfile({ ...v1, keymap: 'none', interfaces: [{ name: 'eth0', dhcp: false, address: '10.0.0.2' }] });
    expect(loaded.ok && loaded.profile.keymap).toBeNull();
    expect(loaded.ok && loaded.profile.interfaces[0]?.ipv4).toEqual({ mode: 'static', address: '10.0.0.2', prefix: null, gateway: '' });
  });

  it('refuses newer, unversioned and damaged files with a plain reason', () => {
    expect(loadProfile({ ...defaultProfile(), schemaVersion: 9 })).toEqual({ ok: false, message: expect.stringMatching(/newer Cairn/) });
    expect(loadProfile({ hostname: 'x' })).toEqual({ ok: false, message: expect.stringMatching(/not a Cairn profile/) });
    expect(loadProfile(null)).toEqual({ ok: false, message: expect.stringMatching(/not a Cairn profile/) });
    expect(loadProfile({ ...defaultProfile(), hostname: 7 })).toEqual({ ok: false, message: expect.stringMatching(/damaged: hostname/) });
    expect(loadProfile({ schemaVersion: 1, keymap: 3 })).toEqual({ ok: false, message: expect.stringMatching(/version 1 .* damaged/) });
  });
});
