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

function familyBlock(name: string, family: 'inet' | 'inet6', config: NetworkInterface['ipv4'] | NetworkInterface['ipv6']): string[] | null {
  if (config.mode === 'static') {
    const { address, prefix, gateway } = config;
    return [`iface ${name} ${family} static`, addressLine(address, prefix), ...(gateway === '' ? [] : [`\tgateway ${interfacesValue(gateway)}`])];
  }
  return config.mode === 'none' ? null : [`iface ${name} ${family} ${config.mode}`];
}

export interface InterfacesOptions {
  /**
   * Where each card's wifi settings are kept instead (wifi-config.ts): a
   * card whose wifi has a passphrase then names that file, and the
   * passphrase stays out of this world-readable file.
   */
  wifiConfigPath?: (iface: string) => string;
}

function stanza(i: NetworkInterface, options: InterfacesOptions): string {
  const name = interfacesValue(i.name);
  const extra = (lines: readonly string[]) => lines.map((l) => `\t${interfacesValue(l)}`);
  const inet = familyBlock(name, 'inet', i.ipv4);
  const inet6 = familyBlock(name, 'inet6', i.ipv6);
  const blocks: string[][] = [];
  // A manual inet stanza when nothing else describes the card (an inet6 stanza, even one that only
  // holds kept options, does), or to hold options kept from an import.
  const inet6Written = inet6 !== null || i.extraOptions.inet6.length > 0;
  if (inet !== null) blocks.push([...inet, ...extra(i.extraOptions.inet)]);
  else if (!inet6Written || i.extraOptions.inet.length > 0) blocks.push([`iface ${name} inet manual`, ...extra(i.extraOptions.inet)]);
  if (inet6 !== null) blocks.push([...inet6, ...extra(i.extraOptions.inet6)]);
  else if (i.extraOptions.inet6.length > 0) blocks.push([`iface ${name} inet6 manual`, ...extra(i.extraOptions.inet6)]);
  if (i.wifi !== null) {
    // ifupdown-ng's wifi executor (interfaces-wifi(5)): wpa_supplicant for a
    // passphrase, iwconfig for an open network.
    const { ssid, passphrase } = i.wifi;
    if (passphrase !== '' && options.wifiConfigPath) blocks[0]?.push('\tuse wifi', `\twifi-config-path ${interfacesValue(options.wifiConfigPath(i.name))}`);
    else {
      blocks[0]?.push('\tuse wifi', `\twifi-ssid ${interfacesValue(ssid)}`);
      if (passphrase !== '') blocks[0]?.push(`\twifi-psk ${interfacesValue(passphrase)}`);
    }
  }
  return [...(i.auto ? [`auto ${name}`] : []), ...blocks.flat()].join('\n') + '\n';
}

/** The whole /etc/network/interfaces (INTERFACESOPTS): loopback first, then each interface. */
export function renderInterfaces(interfaces: readonly NetworkInterface[], options: InterfacesOptions = {}): string {
  return ['auto lo\niface lo inet loopback\n', ...interfaces.map((i) => stanza(i, options))].join('\n');
}
