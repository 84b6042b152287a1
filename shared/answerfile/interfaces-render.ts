import type { NetworkInterface } from '../profile';

// ifupdown-ng reads "#" anywhere as the start of a comment unless escaped as
// "\#", and a backslash before a newline joins lines. Validation keeps
// backslashes and control characters out of these values; should an invalid
// profile still hold one, it is replaced so no value can start a new line
// (an `up` line there would be a command run as root).
// eslint-disable-next-line no-control-regex -- control characters are what is replaced
const UNSAFE = /[\u0000-\u001f\u007f\\]/g;

/** One value in /etc/network/interfaces as ifupdown-ng reads it back. */
export const interfacesValue = (s: string): string => s.replace(UNSAFE, '\uFFFD').replaceAll('#', '\\#');

function addressLine(address: string, prefix: number | null): string {
  return `\taddress ${interfacesValue(prefix === null ? address : `${address}/${prefix}`)}`;
}

function stanza(i: NetworkInterface): string {
  const name = interfacesValue(i.name);
  const blocks: string[][] = [];
  if (i.ipv4.mode === 'dhcp') blocks.push([`iface ${name} inet dhcp`]);
  else if (i.ipv4.mode === 'static') {
    const { address, prefix, gateway } = i.ipv4;
    blocks.push([`iface ${name} inet static`, addressLine(address, prefix), ...(gateway === '' ? [] : [`\tgateway ${interfacesValue(gateway)}`])]);
  }
  if (i.ipv6.mode === 'auto') blocks.push([`iface ${name} inet6 auto`]);
  else if (i.ipv6.mode === 'static') {
    const { address, prefix, gateway } = i.ipv6;
    blocks.push([`iface ${name} inet6 static`, addressLine(address, prefix), ...(gateway === '' ? [] : [`\tgateway ${interfacesValue(gateway)}`])]);
  }
  if (blocks.length === 0) blocks.push([`iface ${name} inet manual`]);
  if (i.wifi !== null) {
    // ifupdown-ng's wifi executor (interfaces-wifi(5)): wpa_supplicant for a
    // passphrase, iwconfig for an open network.
    const { ssid, passphrase } = i.wifi;
    blocks[0]?.push('\tuse wifi', `\twifi-ssid ${interfacesValue(ssid)}`);
    if (passphrase !== '') blocks[0]?.push(`\twifi-psk ${interfacesValue(passphrase)}`);
  }
  return [...(i.auto ? [`auto ${name}`] : []), ...blocks.flat()].join('\n') + '\n';
}

/** The whole /etc/network/interfaces (INTERFACESOPTS): loopback first, then each interface. */
export function renderInterfaces(interfaces: readonly NetworkInterface[]): string {
  return ['auto lo\niface lo inet loopback\n', ...interfaces.map(stanza)].join('\n');
}
