import { describe, expect, it } from 'vitest';
import type { Profile } from '../profile';
import { runWithShims } from '../plan/shims.test-support';
import { fixSteps } from './drift';
import { driftOf, pi, piProfile, rows } from './drift-pi.test-support';

describe('drift', () => {
  it('finds nothing when the box matches its profile in every section, extra packages and services notwithstanding', () => {
    expect(driftOf(piProfile(), pi())).toEqual([]);
  });

  it('reports each missing part with what was expected and what is there', () => {
    const profile: Profile = {
      ...piProfile(),
      hostname: 'pi-kitchen',
      timezone: 'Europe/Paris',
      apkRepos: { mode: 'urls', urls: ['http://dl-cdn.alpinelinux.org/alpine/v3.20/main/'], community: true },
      packages: ['mosquitto', 'htop', 'nftables'],
      services: [
        { name: 'nftables', runlevel: 'boot' },
        { name: 'sshd', runlevel: 'boot' },
      ],
    };
    expect(rows(profile, pi())).toEqual([
      { field: 'hostname', item: null, expected: 'pi-kitchen', actual: 'pi-sensor', guarded: false },
      { field: 'timezone', item: null, expected: 'Europe/Paris', actual: 'Europe/Berlin', guarded: false },
      { field: 'apkrepos', item: 'http://dl-cdn.alpinelinux.org/alpine/v3.20/community/', expected: 'listed in /etc/apk/repositories', actual: 'missing', guarded: false },
      { field: 'packages', item: 'htop', expected: 'installed', actual: 'not installed', guarded: false },
      { field: 'packages', item: 'nftables', expected: 'installed', actual: 'not installed', guarded: false },
      { field: 'services', item: 'nftables@boot', expected: 'in the boot runlevel', actual: 'in no runlevel', guarded: false },
      { field: 'services', item: 'sshd@boot', expected: 'in the boot runlevel', actual: 'only in default', guarded: false },
    ]);
  });

  it('fixes everything with one command per step, repositories first, packages before services', () => {
    const profile: Profile = {
      ...piProfile(),
      hostname: 'pi-kitchen',
      timezone: 'Europe/Paris',
      packages: ['htop', 'nftables'],
      services: [
        { name: 'nftables', runlevel: 'boot' },
        { name: 'sshd', runlevel: 'boot' },
      ],
    };
    const steps = fixSteps(driftOf(profile, pi()));
    expect(steps.map((s) => [s.id, s.command, s.guarded])).toEqual([
      ['hostname', "printf '%s\\n' pi-kitchen > /etc/hostname", false],
      ['timezone', 'setup-timezone Europe/Paris', false],
      ['packages', 'apk add --no-progress htop nftables', false],
      ['services', 'rc-update add nftables boot && rc-update add sshd boot', false],
    ]);
  });

  it('runs the tools with exactly the profile values, through a real shell', () => {
    const profile: Profile = { ...piProfile(), timezone: 'America/Argentina/Buenos_Aires', packages: ['py3-yaml'], services: [{ name: 'mosquitto', runlevel: 'boot' }] };
    const commands = fixSteps(driftOf(profile, pi()))
      .map((s) => s.command)
      .join(' && ');
    const run = runWithShims(commands, ['setup-timezone', 'apk', 'rc-update']);
    expect(run.status).toBe(0);
    expect(run.calls.map((c) => [c.name, ...c.args])).toEqual([
      ['setup-timezone', 'America/Argentina/Buenos_Aires'],
      ['apk', 'add', '--no-progress', 'py3-yaml'],
      ['rc-update', 'add', 'mosquitto', 'boot'],
    ]);
  });

  it('asks for community beside every main repository when a mirror mode enables it', () => {
    const profile: Profile = { ...piProfile(), apkRepos: { mode: 'first', urls: [], community: true } };
    const found = driftOf(profile, pi());
    expect(found.map((d) => d.item)).toEqual(['http://dl-cdn.alpinelinux.org/alpine/v3.20/community']);
    expect(found[0]?.fix?.command).toBe("printf '%s\\n' http://dl-cdn.alpinelinux.org/alpine/v3.20/community >> /etc/apk/repositories");
    expect(driftOf({ ...profile, apkRepos: { mode: 'none', urls: [], community: true } }, pi())).toEqual([]);
  });

  it('treats UTC and Etc/UTC as the same zone, and ignores the zone when the profile sets none', () => {
    const reading = pi({ timezone: '/usr/share/zoneinfo/Etc/UTC' });
    expect(driftOf({ ...piProfile(), timezone: 'UTC' }, reading)).toEqual([]);
    expect(driftOf({ ...piProfile(), timezone: null }, reading)).toEqual([]);
  });

  it('offers no fix for a value that is not safe to apply, and says so', () => {
    const found = driftOf({ ...piProfile(), packages: ['mosquitto', 'bad name'], hostname: '-x' }, pi());
    expect(found.map((d) => [d.field, d.fix])).toEqual([
      ['hostname', null],
      ['packages', null],
    ]);
    expect(found[1]?.actual).toBe('not installed (not a package name)');
    expect(fixSteps(found)).toEqual([]);
  });

  it('installs what a wifi interface needs, as the install plan does', () => {
    const profile: Profile = { ...piProfile(), interfaces: [{ ...piProfile().interfaces[0]!, name: 'wlan0', wifi: { ssid: 'Shed', passphrase: 'correct horse' } }] };
    const reading = pi({
      interfaces: 'auto lo\niface lo inet loopback\n\nauto wlan0\niface wlan0 inet dhcp\n\tuse wifi\n\twifi-config-path /etc/wpa_supplicant/wpa_supplicant-wlan0.conf',
    });
    expect(driftOf(profile, reading).map((d) => [d.field, d.item])).toEqual([
      ['packages', 'wpa_supplicant'],
      ['packages', 'ifupdown-ng-wifi'],
    ]);
  });

  it('is empty after the box takes the fixes, so a second apply runs nothing', () => {
    const profile: Profile = { ...piProfile(), hostname: 'pi-kitchen', packages: ['htop'], services: [{ name: 'htop', runlevel: 'default' }] };
    expect(fixSteps(driftOf(profile, pi()))).toHaveLength(3);
    const after = pi({
      hostname: 'pi-kitchen',
      world: 'alpine-base\nchrony\nopenssh\nmosquitto\nhtop',
      runlevels: '/etc/runlevels/boot/loadkmap\n/etc/runlevels/default/chronyd\n/etc/runlevels/default/sshd\n/etc/runlevels/default/mosquitto\n/etc/runlevels/default/htop',
    });
    expect(fixSteps(driftOf(profile, after))).toEqual([]);
  });
});
