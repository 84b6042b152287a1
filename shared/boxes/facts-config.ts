import { Diagnostics } from '../answerfile/diagnostics';
import { parseInterfaces } from '../answerfile/interfaces-parse';
import type { NetworkInterface } from '../profile';
import { op } from '../shell';
import { parseReceipt, type Receipt } from './receipt';
import type { Parts, Section } from './sections';

/**
 * What the box's configuration files say about the setup-alpine sections
 * drift compares, read in the same command as the facts. It can hold a wifi
 * passphrase (in `interfaces`): it stays in the main process and never
 * crosses to the window; drift shows differences with the passphrase hidden.
 */
export interface BoxConfig {
  /** KEYMAP from /etc/conf.d/loadkmap (`/etc/keymap/us.bmap.gz`); null when none is set. */
  keymap: string | null;
  /** /etc/network/interfaces as ifupdown-ng reads it; null when the file is missing or empty. */
  interfaces: NetworkInterface[] | null;
  /** /etc/resolv.conf; null when the file is missing. */
  resolv: { search: string[]; nameservers: string[] } | null;
  /** http_proxy in /etc/profile.d/proxy.sh (what setup-proxy writes); null without the file. */
  proxy: string | null;
  /** /etc/passwd. */
  users: Array<{ name: string; uid: number; home: string; gecos: string }>;
  /** /etc/group: group → members. */
  groups: Record<string, string[]>;
  /**
   * The wifi passphrase in each card's own file (wifi-config.ts), by card
   * name: a secret, read only as root and kept in the main process.
   */
  wifiPassphrases: Record<string, string>;
  /** authorized_keys files under /root/.ssh and /home/*\/.ssh: path → non-empty lines. */
  authorizedKeys: Record<string, string[]>;
  /** Where /etc/apk/cache links to; null when it is no link. */
  apkCache: string | null;
  /** /etc/cairn/receipt.json, when Cairn left one and it reads. */
  receipt: Receipt | null;
}

const quiet = (...parts: string[]): Parts => [...parts, op('2>'), '/dev/null'];

export const KEYS_SUFFIX = '/.ssh/authorized_keys';

/** The sections FACTS_COMMAND reads for drift, after the overview's. */
export const CONFIG_SECTIONS: Section[] = [
  { name: 'keymap', parts: quiet('cat', '/etc/conf.d/loadkmap') },
  { name: 'interfaces', parts: quiet('cat', '/etc/network/interfaces') },
  { name: 'resolv', parts: quiet('cat', '/etc/resolv.conf') },
  { name: 'proxy', parts: quiet('cat', '/etc/profile.d/proxy.sh') },
  { name: 'passwd', parts: quiet('cat', '/etc/passwd') },
  { name: 'group', parts: quiet('cat', '/etc/group') },
  // grep -H prefixes each key with its file, so one section holds every user's keys.
  { name: 'ssh-keys', parts: quiet('find', '/root/.ssh', '/home', '-maxdepth', '3', '-path', `*${KEYS_SUFFIX}`, '-type', 'f', '-exec', 'grep', '-H', '', '{}', '+') },
  { name: 'apk-cache', parts: quiet('readlink', '/etc/apk/cache') },
  { name: 'wifi-keys', parts: quiet('find', '/etc/wpa_supplicant', '-maxdepth', '1', '-name', 'wpa_supplicant-*.conf', '-type', 'f', '-exec', 'grep', '-H', 'psk=', '{}', '+') },
  { name: 'receipt', parts: quiet('cat', '/etc/cairn/receipt.json') },
];

const meaningful = (lines: readonly string[]) => lines.map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));

/** A shell assignment's value as setup-* helpers write it (`KEY=value`, maybe quoted, maybe after `export`). */
function assigned(lines: readonly string[], name: string): string | null {
  let value: string | null = null;
  for (const line of meaningful(lines)) {
    const m = new RegExp(`^(?:export\\s+)?${name}=(.*)$`).exec(line);
    if (m !== null) value = (m[1] ?? '').trim().replace(/^(['"])(.*)\1$/, '$2');
  }
  return value === '' ? null : value;
}

export function parseResolv(lines: readonly string[]): BoxConfig['resolv'] {
  const search: string[] = [];
  const nameservers: string[] = [];
  for (const line of meaningful(lines)) {
    const [key, ...words] = line.split(/\s+/);
    // The last search or domain line wins, as in the resolver.
    if (key === 'search' || key === 'domain') search.splice(0, search.length, ...words);
    else if (key === 'nameserver' && words[0] !== undefined) nameservers.push(words[0]);
  }
  return { search, nameservers };
}

function parseUsers(lines: readonly string[]): BoxConfig['users'] {
  return meaningful(lines).flatMap((line) => {
    const f = line.split(':');
    const uid = Number(f[2]);
    return f.length >= 6 && f[0] !== '' && Number.isInteger(uid) ? [{ name: f[0] ?? '', uid, gecos: f[4] ?? '', home: f[5] ?? '' }] : [];
  });
}

function parseGroups(lines: readonly string[]): BoxConfig['groups'] {
  const groups: BoxConfig['groups'] = {};
  for (const line of meaningful(lines)) {
    const f = line.split(':');
    if (f.length < 4 || f[0] === '') continue;
    groups[f[0] ?? ''] = (f[3] ?? '').split(',').filter(Boolean);
  }
  return groups;
}

function parseKeys(lines: readonly string[]): BoxConfig['authorizedKeys'] {
  const keys: BoxConfig['authorizedKeys'] = {};
  for (const line of lines) {
    const at = line.indexOf(`${KEYS_SUFFIX}:`);
    if (at < 0) continue;
    const file = line.slice(0, at + KEYS_SUFFIX.length);
    const key = line.slice(at + KEYS_SUFFIX.length + 1).trim();
    keys[file] ??= [];
    if (key !== '' && !key.startsWith('#')) keys[file].push(key);
  }
  return keys;
}

/** `/etc/wpa_supplicant/wpa_supplicant-wlan0.conf:\tpsk="…"` lines: the quoted passphrase by card. */
function parseWifiPassphrases(lines: readonly string[]): Record<string, string> {
  const found: Record<string, string> = {};
  for (const line of lines) {
    const m = /^\/etc\/wpa_supplicant\/wpa_supplicant-(.+)\.conf:\s*psk="(.*)"\s*$/.exec(line);
    if (m !== null && m[1] !== undefined && found[m[1]] === undefined) found[m[1]] = m[2] ?? '';
  }
  return found;
}

/** Reads the config sections of FACTS_COMMAND's output; a section the box could not answer reads as absent. */
export function parseConfig(sections: ReadonlyMap<string, readonly string[]>): BoxConfig {
  const lines = (name: string) => sections.get(name) ?? [];
  const interfacesText = lines('interfaces').join('\n');
  const resolv = lines('resolv');
  const proxy = lines('proxy');
  const link = lines('apk-cache')
    .find((l) => l.trim() !== '')
    ?.trim();
  return {
    keymap: assigned(lines('keymap'), 'KEYMAP'),
    // Parsed without a word to anyone: the diagnostics are for imported answer files.
    interfaces: interfacesText.trim() === '' ? null : parseInterfaces(interfacesText, 1, new Diagnostics()),
    resolv: resolv.length === 0 ? null : parseResolv(resolv),
    proxy: proxy.length === 0 ? null : assigned(proxy, 'http_proxy'),
    users: parseUsers(lines('passwd')),
    groups: parseGroups(lines('group')),
    authorizedKeys: parseKeys(lines('ssh-keys')),
    wifiPassphrases: parseWifiPassphrases(lines('wifi-keys')),
    apkCache: link === undefined ? null : link,
    receipt: parseReceipt(lines('receipt').join('\n')),
  };
}
