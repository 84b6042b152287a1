// wpa_supplicant.conf(5) for the wifi card of a headless box. The SSID is
// written as hex (the unquoted form wpa_supplicant accepts for any bytes), so
// no character of a network name can end the string or start a new line;
// the passphrase never lands on the medium, only the PSK derived from it
// (what `wpa_passphrase` writes), computed in the main process.

/** UTF-8 bytes of a string, without TextEncoder (shared/ has no DOM or Node types). */
export function utf8Bytes(s: string): number[] {
  const bytes: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x80) bytes.push(c);
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return bytes;
}

export const hexOf = (s: string): string =>
  utf8Bytes(s)
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('');

export interface WifiNetwork {
  ssid: string;
  /** 64 hex digits (the derived PSK), or null for an open network. */
  psk: string | null;
}

export function renderWpaSupplicant(network: WifiNetwork): string {
  if (network.psk !== null && !/^[0-9a-f]{64}$/.test(network.psk)) throw new Error('A derived PSK is 64 lowercase hex digits.');
  return [
    '# Written by Cairn for first contact; the passphrase is stored only as its derived key.',
    'ctrl_interface=/var/run/wpa_supplicant',
    'network={',
    `\tssid=${hexOf(network.ssid)}`,
    // scan_ssid finds a network that hides its name, as setup-interfaces cannot.
    '\tscan_ssid=1',
    ...(network.psk === null ? ['\tkey_mgmt=NONE'] : ['\tkey_mgmt=WPA-PSK', `\tpsk=${network.psk}`]),
    '}',
    '',
  ].join('\n');
}
