import type { Ipv4, Ipv6, NetworkInterface } from '../profile';
import type { Diagnostics } from './diagnostics';

interface Family {
  method: string | null;
  address: string | null;
  gateway: string | null;
  netmask: string | null;
}

interface Draft {
  name: string;
  line: number;
  auto: boolean;
  stanza: boolean;
  inet: Family;
  inet6: Family;
  ssid: string | null;
  psk: string | null;
  /** `use wifi` was written: implied by wifi-ssid/-psk, kept as written beside a wifi-config-path. */
  useWifi: boolean;
  extra: { inet: string[]; inet6: string[] };
}

const family = (): Family => ({ method: null, address: null, gateway: null, netmask: null });

/** Logical lines as ifupdown-ng's reader sees them: "\#" is "#", an unescaped "#" ends the line, "\" + newline joins. */
export function interfacesLines(text: string): Array<{ offset: number; text: string }> {
  const out: Array<{ offset: number; text: string }> = [];
  let line = 0;
  let start = 0;
  let cur = '';
  let comment = false;
  for (let i = 0; i <= text.length; i++) {
    const c = text[i];
    if (c === undefined || c === '\n') {
      out.push({ offset: start, text: cur });
      cur = '';
      comment = false;
      start = ++line;
    } else if (comment) continue;
    else if (c === '\\' && text[i + 1] === '#') {
      cur += '#';
      i++;
    } else if (c === '\\' && text[i + 1] === '\n') {
      i++;
      line++;
      while (text[i + 1] === ' ' || text[i + 1] === '\t') i++;
    } else if (c === '#') comment = true;
    else cur += c;
  }
  return out;
}

function toPrefix(netmask: string): number | null {
  if (/^\d{1,3}$/.test(netmask)) return Number(netmask);
  const parts = netmask.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return null;
  const bits = parts.map((p) => p.toString(2).padStart(8, '0')).join('');
  if (!/^1*0*$/.test(bits)) return null;
  return bits.replaceAll('0', '').length;
}

function splitAddress(f: Family): { address: string; prefix: number | null } {
  const [address = '', prefixText] = (f.address ?? '').split('/');
  if (prefixText !== undefined) return { address, prefix: /^\d+$/.test(prefixText) ? Number(prefixText) : null };
  return { address, prefix: f.netmask === null ? null : toPrefix(f.netmask) };
}

function toIpv4(f: Family): Ipv4 {
  if (f.method === 'dhcp') return { mode: 'dhcp' };
  if (f.address === null && f.method !== 'static') return { mode: 'none' };
  return { mode: 'static', ...splitAddress(f), gateway: f.gateway ?? '' };
}

function toIpv6(f: Family): Ipv6 {
  if (f.method === 'auto') return { mode: 'auto' };
  if (f.method === 'dhcp') return { mode: 'dhcp' };
  if (f.address === null && f.method !== 'static') return { mode: 'none' };
  return { mode: 'static', ...splitAddress(f), gateway: f.gateway ?? '' };
}

/** What setup-interfaces itself writes for a manual interface: kept without a word. */
const SETUP_INTERFACES_MANUAL = new Set(['up ip link set $IFACE up', 'down ip link set $IFACE down']);

/** Options that run a command as root when the interface changes state. */
const COMMAND_OPTIONS = new Set(['pre-up', 'up', 'post-up', 'down', 'pre-down', 'post-down']);

/**
 * Reads /etc/network/interfaces text (INTERFACESOPTS) into interfaces. Options
 * the profile cannot hold are reported with their line, never dropped silently.
 */
export function parseInterfaces(text: string, firstLine: number, d: Diagnostics): NetworkInterface[] {
  const drafts = new Map<string, Draft>();
  let sawLoopback = false;
  let current: Draft | 'lo' | null = null;
  let fam: 'inet' | 'inet6' | null = null;
  const V = 'INTERFACESOPTS';

  const draft = (name: string, line: number): Draft => {
    let x = drafts.get(name);
    if (x === undefined) {
      x = { name, line, auto: false, stanza: false, inet: family(), inet6: family(), ssid: null, psk: null, useWifi: false, extra: { inet: [], inet6: [] } };
      drafts.set(name, x);
    }
    return x;
  };

  for (const { offset, text: raw } of interfacesLines(text)) {
    const line = firstLine + offset;
    const note = (message: string, severity: 'warning' | 'info' = 'warning') => d.add(line, severity, message, V);
    const trimmed = raw.trim();
    if (trimmed === '') continue;
    const m = /^(\S+)\s*(.*)$/.exec(trimmed);
    const key = m?.[1] ?? '';
    const rest = raw.replace(/^\s*\S+\s*/, '');
    const args = rest.split(/\s+/).filter(Boolean);
    if (!/^[A-Za-z]/.test(key)) {
      note(`ifupdown-ng ignores the line "${trimmed}" (it does not start with a keyword); Cairn ignored it too.`);
      continue;
    }
    if (key === 'auto' || key === 'allow-auto' || key === 'allow-hotplug') {
      if (key !== 'auto') note(`ifupdown-ng treats "${key}" as "auto"; Cairn writes it as auto.`, 'info');
      if (args.length > 1)
        note(`"${key} ${args.join(' ')}": ifupdown-ng brings up only the first name of an auto line. Cairn marks all of them auto and writes one auto line each.`);
      for (const name of args)
        if (name === 'lo') sawLoopback = true;
        else draft(name, line).auto = true;
      continue;
    }
    if (key === 'iface' || key === 'interface') {
      const [name = '', f = null, method = null] = args;
      if (name === 'lo') {
        current = 'lo';
        continue;
      }
      current = draft(name, line);
      current.stanza = true;
      fam = f === 'inet' || f === 'inet6' ? f : null;
      if (f !== null && fam === null) note(`"${f}" is not an address family (inet or inet6); Cairn ignored it.`);
      if (fam !== null && method !== null) {
        const known = fam === 'inet' ? ['dhcp', 'static', 'manual'] : ['auto', 'static', 'manual', 'dhcp'];
        if (!known.includes(method)) note(`The method "${fam} ${method}" of ${name} cannot be set up by Cairn; it was read as no ${fam === 'inet' ? 'IPv4' : 'IPv6'} address.`);
        else current[fam].method = method;
      }
      if (args.length > 3) note(`Cairn ignored "${args.slice(3).join(' ')}" at the end of the iface line of ${name}.`);
      continue;
    }
    if (current === null) {
      note(`"${trimmed}" is outside any iface stanza; Cairn ignored it.`);
      continue;
    }
    if (current === 'lo') {
      note(`Cairn always writes the loopback interface itself and ignored "${trimmed}" in its stanza.`);
      continue;
    }
    readOption(current, key, rest, trimmed, note);
  }

  function readOption(cur: Draft, key: string, rest: string, trimmed: string, note: (m: string, s?: 'warning' | 'info') => void): void {
    const value = rest.split(/\s+/)[0] ?? '';
    const famOf = (addr: string) => fam ?? (addr.includes(':') ? 'inet6' : 'inet');
    // Whatever the form has no field for stays in its stanza, as written.
    const keep = (why: string | null) => {
      cur.extra[fam ?? 'inet'].push(`${key} ${rest}`.trim());
      if (why !== null) note(why, COMMAND_OPTIONS.has(key) ? 'warning' : 'info');
    };
    if (key === 'address' || key === 'gateway') {
      const f = cur[famOf(value)];
      const field = key === 'address' ? 'address' : 'gateway';
      if (f.method === 'dhcp' || f.method === 'auto' || f[field] !== null)
        keep(`"${trimmed}" on ${cur.name} is kept as written (the form holds one static address and gateway per address family).`);
      else f[field] = value;
    } else if (key === 'netmask' && cur.inet.netmask === null && fam !== 'inet6') cur.inet.netmask = value;
    else if (key === 'wifi-ssid' && cur.ssid === null) cur.ssid = rest;
    else if (key === 'wifi-psk' && cur.psk === null) cur.psk = rest;
    else if (key === 'use' && value === 'wifi') cur.useWifi = true;
    else if (key === 'use' && value === 'dhcp' && cur.inet.method === null) cur.inet.method = 'dhcp';
    else if (key === 'use' && value === 'ipv6-ra' && cur.inet6.method === null) cur.inet6.method = 'auto';
    else if (SETUP_INTERFACES_MANUAL.has(trimmed)) keep(null);
    else if (COMMAND_OPTIONS.has(key)) keep(`"${trimmed}" runs a command as root whenever ${cur.name} changes state; it is kept as written. Check it.`);
    else keep(null);
  }

  if (!sawLoopback) d.add(firstLine, 'warning', 'INTERFACESOPTS does not bring up the loopback interface (auto lo); Cairn always writes it.', V);
  return [...drafts.values()].map((x) => {
    if (!x.stanza) d.add(x.line, 'warning', `${x.name} is marked auto but has no iface stanza; Cairn set it up without an address (manual).`, V);
    return {
      name: x.name,
      auto: x.auto,
      ipv4: toIpv4(x.inet),
      ipv6: toIpv6(x.inet6),
      wifi: x.ssid === null && x.psk === null ? null : { ssid: x.ssid ?? '', passphrase: x.psk ?? '' },
      // Wifi settings kept in a file of their own (wifi-config-path) still need the executor.
      extraOptions: x.useWifi && x.ssid === null && x.psk === null ? { ...x.extra, inet: ['use wifi', ...x.extra.inet] } : x.extra,
    };
  });
}
