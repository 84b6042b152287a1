import { describe, expect, it } from 'vitest';
import { defaultProfile, type NetworkInterface } from '../profile';
import { renderInterfaces } from './interfaces-render';
import { render } from './render';
import { wifiConfigPath, wifiConfigText, withWifiSecret } from './wifi-config';

const wlan = (ssid: string, passphrase: string): NetworkInterface => ({
  name: 'wlan0',
  auto: true,
  ipv4: { mode: 'dhcp' },
  ipv6: { mode: 'none' },
  wifi: { ssid, passphrase },
  extraOptions: { inet: [], inet6: [] },
});

describe('a wifi passphrase kept out of /etc/network/interfaces', () => {
  it('names the 0600 file in the interfaces of a pushed install, and keeps it inline in an answer file for the console', () => {
    const p = { ...defaultProfile(), interfaces: [wlan('Shed', 'correct horse battery')] };
    const pushed = render(p, { holdBackDisk: true, wifiInFiles: true });
    expect(pushed).toContain('wifi-config-path /etc/wpa_supplicant/wpa_supplicant-wlan0.conf');
    expect(pushed).not.toContain('correct horse');
    expect(render(p)).toContain('wifi-psk correct horse battery');
  });

  it('leaves an open network (no passphrase) inline: there is no secret to keep', () => {
    const open = [wlan('Cafe', '')];
    expect(withWifiSecret(open)).toEqual([]);
    expect(renderInterfaces(open, { wifiConfigPath })).toContain('\twifi-ssid Cafe\n');
  });

  it('writes the SSID as hex, so no name can end the string or start a line, and the passphrase quoted', () => {
    const text = wifiConfigText({ ssid: 'Shed"\n}\nnetwork={', passphrase: "it's a secret" });
    expect(text).toContain(`\tssid=${Buffer.from('Shed"\n}\nnetwork={').toString('hex')}\n`);
    expect(text).toContain('\tpsk="it\'s a secret"\n');
    expect(text.match(/network=\{/g)).toHaveLength(1);
  });
});
