import type { Report } from './problems';
import type { NetworkInterface, Profile } from './schema';
import { hasControlChars, isIpv4, isIpv6, sameIpv4Subnet } from './values';

function checkAddressing(i: NetworkInterface, at: string, report: Report): void {
  if (i.ipv4.mode === 'static') {
    const { address, prefix, gateway } = i.ipv4;
    if (address === '') report(`${at}.ipv4.address`, 'A static address needs an address and a prefix length, like 192.168.1.10/24.');
    else if (/^[\d.]+\/\d+$/.test(address)) report(`${at}.ipv4.address`, `Write the address without "/${address.split('/')[1]}" and put the prefix length in its own field.`);
    else if (!isIpv4(address)) report(`${at}.ipv4.address`, `"${address}" is not an IPv4 address; write four numbers 0–255 separated by dots, like 192.168.1.10.`);
    if (prefix === null) report(`${at}.ipv4.prefix`, 'A static address needs a prefix length, like 192.168.1.10/24.');
    else if (prefix < 1 || prefix > 32) report(`${at}.ipv4.prefix`, 'An IPv4 prefix length is a number from 1 to 32 (24 is the usual home network).');
    if (gateway !== '' && !isIpv4(gateway)) report(`${at}.ipv4.gateway`, `"${gateway}" is not an IPv4 address; leave the gateway empty or write one like 192.168.1.1.`);
    // ifupdown-ng adds the default route via the gateway, which the kernel refuses outside the card's network.
    else if (gateway !== '' && isIpv4(address) && prefix !== null && prefix >= 1 && prefix <= 32 && !sameIpv4Subnet(address, gateway, prefix))
      report(
        `${at}.ipv4.gateway`,
        `The gateway ${gateway} is outside ${address}/${prefix}, so the box would get no default route. Use a gateway in that network, or check the prefix length.`,
      );
    else if (gateway !== '' && gateway === address) report(`${at}.ipv4.gateway`, "The gateway is the box's own address; use the router's address, or leave it empty.");
  }
  if (i.ipv6.mode === 'static') {
    const { address, prefix, gateway } = i.ipv6;
    if (!isIpv6(address)) report(`${at}.ipv6.address`, `"${address}" is not an IPv6 address, like 2001:db8::10.`);
    if (prefix === null || prefix < 1 || prefix > 128) report(`${at}.ipv6.prefix`, 'A static IPv6 address needs a prefix length from 1 to 128, like 64.');
    if (gateway !== '' && !isIpv6(gateway)) report(`${at}.ipv6.gateway`, `"${gateway}" is not an IPv6 address; leave it empty or write one like fe80::1.`);
  }
}

/** Words that start a new stanza, or that the form itself writes: never an option of one interface. */
const NOT_OPTIONS = new Set(['iface', 'interface', 'auto', 'allow-auto', 'allow-hotplug', 'mapping', 'source', 'source-directory', 'template']);
const HOOKS = new Set(['pre-up', 'up', 'post-up', 'down', 'pre-down', 'post-down']);

function checkExtraOptions(i: NetworkInterface, at: string, report: Report): void {
  for (const family of ['inet', 'inet6'] as const) {
    i.extraOptions[family].forEach((line, n) => {
      const where = `${at}.extraOptions.${family}.${n}`;
      const key = line.trim().split(/\s+/)[0] ?? '';
      if (hasControlChars(line) || line.includes('\\')) report(where, 'An interface option is one line without backslashes or control characters, like "mtu 1400".');
      else if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(key)) report(where, `"${line}" is not an ifupdown option: write a keyword and its value, like "mtu 1400" or "hostname garage".`);
      else if (NOT_OPTIONS.has(key)) report(where, `"${key}" starts a new stanza in /etc/network/interfaces and cannot be an option of ${i.name}; add another interface instead.`);
      else if (HOOKS.has(key))
        report(where, `"${line}" runs a command as root whenever ${i.name} goes ${key.endsWith('down') ? 'down' : 'up'}: check that you want it.`, 'warning');
    });
  }
}

function checkWifi(i: NetworkInterface, at: string, report: Report): void {
  if (i.wifi === null) return;
  const { ssid, passphrase } = i.wifi;
  if (ssid === '' || ssid.length > 32) report(`${at}.wifi.ssid`, 'Enter the wifi network name (SSID), 1 to 32 characters.');
  else if (hasControlChars(ssid) || /^\s|\s$|["\\]/.test(ssid))
    report(`${at}.wifi.ssid`, 'The network name cannot contain quotes, backslashes, control characters, or start or end with a space.');
  if (passphrase !== '' && !/^[\x20-\x7e]{8,63}$/.test(passphrase))
    report(`${at}.wifi.passphrase`, 'A WPA passphrase is 8 to 63 printable characters; leave it empty for an open network.');
  else if (/^\s|\s$/.test(passphrase)) report(`${at}.wifi.passphrase`, 'The passphrase cannot start or end with a space here.');
  else if (/["\\]/.test(passphrase)) report(`${at}.wifi.passphrase`, 'The passphrase cannot contain quotes or backslashes here.');
}

export function checkInterfaces(p: Profile, report: Report): void {
  if (p.interfaces.length === 0) report('interfaces', 'No network interface is configured: the box will not be reachable over the network.', 'warning');
  const seen = new Set<string>();
  p.interfaces.forEach((i, n) => {
    const at = `interfaces.${n}`;
    if (!/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,14}$/.test(i.name) || i.name === 'lo')
      report(`${at}.name`, `"${i.name}" is not a usable interface name; use names like eth0, wlan0 or enp1s0 (lo is always set up).`);
    else if (seen.has(i.name)) report(`${at}.name`, `The interface ${i.name} is listed twice; remove one.`);
    seen.add(i.name);
    checkAddressing(i, at, report);
    checkWifi(i, at, report);
    checkExtraOptions(i, at, report);
  });
  if (p.wifiConfigFile !== null && !/^\/[A-Za-z0-9/_.-]+$/.test(p.wifiConfigFile))
    report('wifiConfigFile', 'The wpa_supplicant file must be an absolute path on the box without spaces, like /etc/wpa_supplicant/wpa_supplicant.conf.');
}
