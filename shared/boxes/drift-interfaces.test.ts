import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Profile } from '../profile';
import { sh } from '../shell';
import { fixInput, fixSteps } from './drift';
import { writeInterfaces } from './drift-interfaces';
import { driftOf, pi, piProfile } from './drift-pi.test-support';

const staticEth0 = (): Profile => ({
  ...piProfile(),
  interfaces: [
    {
      name: 'eth0',
      auto: true,
      ipv4: { mode: 'static', address: '192.168.1.20', prefix: 24, gateway: '192.168.1.1' },
      ipv6: { mode: 'none' },
      wifi: null,
      extraOptions: { inet: [], inet6: [] },
    },
  ],
});

const wifi = (passphrase: string): Profile => ({
  ...piProfile(),
  interfaces: [{ name: 'wlan0', auto: true, ipv4: { mode: 'dhcp' }, ipv6: { mode: 'none' }, wifi: { ssid: 'Shed', passphrase }, extraOptions: { inet: [], inet6: [] } }],
  packages: ['mosquitto', 'chrony', 'wpa_supplicant', 'ifupdown-ng-wifi'],
});
/** As a pushed install writes it: the passphrase in its own 0600 file, named here. */
const WIFI_FILE = 'auto lo\niface lo inet loopback\n\nauto wlan0\niface wlan0 inet dhcp\n\tuse wifi\n\twifi-config-path /etc/wpa_supplicant/wpa_supplicant-wlan0.conf';
/** As an answer file run at the console writes it: the passphrase inline, in a file anyone on the box can read. */
const INLINE_FILE = 'auto lo\niface lo inet loopback\n\nauto wlan0\niface wlan0 inet dhcp\n\tuse wifi\n\twifi-ssid Shed\n\twifi-psk correct horse battery';
const withWifiPackages = { world: 'alpine-base\nchrony\nopenssh\nmosquitto\nwpa_supplicant\nifupdown-ng-wifi', interfaces: WIFI_FILE };

describe('interfaces drift', () => {
  it('compares meaning, not bytes: comments, netmask against /prefix and order of options do not count', () => {
    const written =
      '# written by hand\nauto lo\niface lo inet loopback\nauto eth0\niface eth0 inet static\n    gateway 192.168.1.1   # the router\n    netmask 255.255.255.0\n    address 192.168.1.20\n';
    expect(driftOf(staticEth0(), pi({ interfaces: written }))).toEqual([]);
  });

  it('shows a different address as a line diff, and is guarded', () => {
    const [found] = driftOf(staticEth0(), pi());
    expect(found).toMatchObject({ field: 'interfaces', expected: 'eth0', actual: '/etc/network/interfaces differs', guarded: true, fix: { id: 'interfaces', guarded: true } });
    expect(found?.diff.filter((l) => l.side !== 'both')).toEqual([
      { side: 'profile', text: 'iface eth0 inet static' },
      { side: 'profile', text: '    address 192.168.1.20/24' },
      { side: 'profile', text: '    gateway 192.168.1.1' },
      { side: 'box', text: 'iface eth0 inet dhcp' },
    ]);
    expect(driftOf(staticEth0(), pi({ interfaces: '' }))[0]?.actual).toBe('no /etc/network/interfaces');
  });

  it('moves a passphrase kept in the world-readable interfaces into its own file, without ever showing it', () => {
    expect(driftOf(wifi('correct horse battery'), pi(withWifiPackages))).toEqual([]);
    const found = driftOf(wifi('correct horse battery'), pi({ ...withWifiPackages, interfaces: INLINE_FILE }));
    expect(found.map((d) => [d.field, d.actual])).toEqual([['interfaces', '/etc/network/interfaces differs (the wifi passphrase too)']]);
    expect(JSON.stringify(found)).not.toContain('correct horse');
    expect(found[0]?.diff.filter((l) => l.side !== 'both').map((l) => `${l.side}: ${l.text}`)).toEqual([
      'profile:     wifi-config-path /etc/wpa_supplicant/wpa_supplicant-wlan0.conf',
      'box:     wifi-ssid Shed',
      'box:     wifi-psk ••• (hidden)',
    ]);
  });

  it("ignores passphrases a receipt's profile lacks, and will not write the file without them", () => {
    expect(driftOf(wifi(''), pi(withWifiPackages), { secretsKnown: false })).toEqual([]);
    const moved = driftOf(
      { ...wifi(''), interfaces: [{ ...wifi('').interfaces[0]!, ipv4: { mode: 'static', address: '10.0.0.2', prefix: 8, gateway: '' } }] },
      pi(withWifiPackages),
      { secretsKnown: false },
    );
    expect(moved[0]).toMatchObject({ field: 'interfaces', fix: null, guarded: true, actual: expect.stringContaining('the receipt holds no wifi passphrase') });
  });

  it('writes the whole file from stdin, so the passphrase never enters the command', () => {
    const profile = wifi('a new passphrase');
    const [step] = fixSteps(driftOf(profile, pi({ ...withWifiPackages, interfaces: INLINE_FILE })));
    expect(step?.command).toBe(sh(...writeInterfaces()));
    expect(step?.command).not.toContain('passphrase');
    const input = fixInput(step!, profile) ?? '';
    const dir = mkdtempSync(join(tmpdir(), 'cairn-interfaces-'));
    const file = join(dir, 'interfaces');
    writeFileSync(file, 'old\n');
    const run = spawnSync('/bin/sh', ['-c', sh(...writeInterfaces(file))], { input, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(input);
    expect(input).toContain('\twifi-config-path /etc/wpa_supplicant/wpa_supplicant-wlan0.conf\n');
    expect(input).not.toContain('a new passphrase');
    expect(statSync(file).mode & 0o777).toBe(0o644);
    expect(readdirSync(dir)).toEqual(['interfaces']);
  });
});
