import { hexOf } from '../bootmedia/wpa-supplicant';
import type { NetworkInterface, Wifi } from '../profile';

// /etc/network/interfaces is world-readable (0644), so a pushed install
// keeps a wifi passphrase out of it: ifupdown-ng's wifi executor takes
// `wifi-config-path` instead of wifi-ssid/wifi-psk and runs wpa_supplicant
// with that file, which Cairn writes 0600 (as setup-interfaces does with
// umask 077 when asked interactively). An answer file saved for the console
// keeps the passphrase inline: there is no other file to carry it.

/** Where the wifi settings of one card live on the box. */
export const wifiConfigPath = (iface: string): string => `/etc/wpa_supplicant/wpa_supplicant-${iface}.conf`;

/** Interfaces whose wifi holds a passphrase: those get a file of their own. */
export const withWifiSecret = (interfaces: readonly NetworkInterface[]): Array<NetworkInterface & { wifi: Wifi }> =>
  interfaces.filter((i): i is NetworkInterface & { wifi: Wifi } => i.wifi !== null && i.wifi.passphrase !== '');

/**
 * wpa_supplicant.conf(5) for one network: the SSID as hex (any bytes, and
 * nothing in it can end a string or start a line), the passphrase quoted
 * (validation keeps it to 8-63 printable characters without quotes or
 * backslashes, which is what the quoted form takes).
 */
export function wifiConfigText(wifi: Wifi): string {
  return [
    '# Written by Cairn: the wifi settings of this card (0600, root only).',
    'ctrl_interface=/var/run/wpa_supplicant',
    'network={',
    `\tssid=${hexOf(wifi.ssid)}`,
    '\tscan_ssid=1',
    '\tkey_mgmt=WPA-PSK',
    `\tpsk="${wifi.passphrase}"`,
    '}',
    '',
  ].join('\n');
}
