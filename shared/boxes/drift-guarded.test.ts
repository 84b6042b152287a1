import { describe, expect, it } from 'vitest';
import type { Profile } from '../profile';
import { fixSteps } from './drift';
import { guardedFix } from './drift-guarded';
import { driftOf, pi, piProfile } from './drift-pi.test-support';

const wifiStatic = (): Profile => ({
  ...piProfile(),
  interfaces: [
    {
      name: 'wlan0',
      auto: true,
      ipv4: { mode: 'static', address: '10.0.0.5', prefix: 24, gateway: '10.0.0.1' },
      ipv6: { mode: 'none' },
      wifi: { ssid: 'Shed', passphrase: 'correct horse' },
      extraOptions: { inet: [], inet6: [] },
    },
  ],
  dns: { searchDomain: 'shed.lan', servers: [] },
  sshd: 'dropbear',
});

describe('guarded fixes as files for confirm-or-revert', () => {
  it('writes the whole interfaces file and restarts networking; resolv.conf keeps the box servers when the profile names none', () => {
    const reading = pi({ world: 'alpine-base\nchrony\nopenssh\nmosquitto\nwpa_supplicant\nifupdown-ng-wifi' });
    const steps = fixSteps(driftOf(wifiStatic(), reading)).filter((s) => s.guarded);
    expect(steps.map((s) => s.id)).toEqual(['interfaces', 'dns', 'sshd']);
    const [interfaces, dns, sshd] = steps.map((s) => guardedFix(s, wifiStatic(), reading.config));
    expect(interfaces).toEqual({
      files: [
        // The passphrase in a file only root reads; the world-readable interfaces only name it.
        { path: '/etc/wpa_supplicant/wpa_supplicant-wlan0.conf', content: expect.stringContaining('\tpsk="correct horse"\n'), mode: 0o600 },
        {
          path: '/etc/network/interfaces',
          content:
            'auto lo\niface lo inet loopback\n\nauto wlan0\niface wlan0 inet static\n\taddress 10.0.0.5/24\n\tgateway 10.0.0.1\n\tuse wifi\n\twifi-config-path /etc/wpa_supplicant/wpa_supplicant-wlan0.conf\n',
          mode: 0o644,
        },
      ],
      restart: ['networking'],
    });
    expect(dns).toEqual({ files: [{ path: '/etc/resolv.conf', content: 'search shed.lan\nnameserver 192.168.178.1\n', mode: 0o644 }], restart: [] });
    expect(sshd).toBeNull();
  });
});
