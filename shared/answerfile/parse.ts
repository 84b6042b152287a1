import { defaultProfile, PROFILE_SCHEMA_VERSION, type Profile } from '../profile';
import { parseApkRepos } from './apkrepos';
import { toAssignments, type Assignment } from './assignments';
import { Diagnostics, type Diagnostic } from './diagnostics';
import { DISK_ENVIRONMENT, parseDisk, type DiskEnvironmentName } from './disk-parse';
import { isFlattened, repairFlattened } from './flattened';
import { parseInterfaces } from './interfaces-parse';
import { PROFILE_PREFIX } from './render';
import {
  asked,
  parseDevd,
  parseDns,
  parseHostname,
  parseKeymap,
  parseNoneable,
  parseNtp,
  parsePackages,
  parseServices,
  parseSshd,
  parseSwitch,
  parseTimezone,
  sshKeyLines,
} from './sections-parse';
import { parseUser } from './user-options';

/** Variables setup-alpine reads, in its order. */
export const SETUP_ALPINE_VARIABLES = [
  'KEYMAPOPTS',
  'HOSTNAMEOPTS',
  'DEVDOPTS',
  'INTERFACESOPTS',
  'WIFIOPTS',
  'DNSOPTS',
  'TIMEZONEOPTS',
  'PROXYOPTS',
  'APKREPOSOPTS',
  'USEROPTS',
  'USERSSHKEY',
  'SSHDOPTS',
  'ROOTSSHKEY',
  'NTPOPTS',
  'DISKOPTS',
  'LBUOPTS',
  'APKCACHEOPTS',
] as const;

/** Variables setup-alpine ignores and Cairn's plan applies after it. */
export const CAIRN_VARIABLES = ['CAIRN_USER_FULLNAME', 'CAIRN_PACKAGES', 'CAIRN_SERVICES', 'CAIRN_IP_FORWARDING'] as const;

const BLANK_IS_UNSET = new Set<string>(SETUP_ALPINE_VARIABLES.filter((n) => !['USERSSHKEY', 'ROOTSSHKEY'].includes(n)));

const KNOWN = new Set<string>([...SETUP_ALPINE_VARIABLES, ...CAIRN_VARIABLES, ...DISK_ENVIRONMENT, 'APKREPO_DEFAULT_ANSWER', 'XENDOM0OPTS']);

export interface Parsed {
  profile: Profile;
  diagnostics: Diagnostic[];
}

/**
 * Reads an answer file as people write them into a profile. Nothing in the
 * text is run or expanded; whatever cannot be represented is reported with
 * its line. Missing variables take the default profile's values. Password
 * hashes never travel in answer files, so they are always null here.
 */
export function parse(text: string): Parsed {
  const read = toAssignments(text);
  const d = new Diagnostics();
  // One by one: spreading a hostile file's million diagnostics into push() overflows the stack.
  for (const note of read.diagnostics) d.list.push(note);
  const vars = read.assignments;
  // Most helpers get `${XOPTS}` unquoted, so an empty value is the same as none at all.
  for (const a of vars.values()) if (BLANK_IS_UNSET.has(a.name) && a.value.trim() === '') d.blank.set(a.name, a.line);
  const get = (name: string): Assignment | undefined => (d.blank.has(name) ? undefined : vars.get(name));

  for (const a of vars.values()) {
    if (a.name === 'XENDOM0OPTS') {
      if (a.value !== '' && a.value !== 'none') d.add(a.line, 'warning', 'XENDOM0OPTS (Xen dom0 setup) cannot be kept in a Cairn profile; it was ignored.', a.name);
    } else if (!KNOWN.has(a.name)) {
      d.add(a.line, 'warning', `${a.name} is not a variable setup-alpine or Cairn reads; Cairn ignored it.`, a.name);
    }
  }

  const base = defaultProfile();
  const header = read.comments.find((c) => `#${c.text}`.startsWith(PROFILE_PREFIX));
  const name = header === undefined ? base.name : `#${header.text}`.slice(PROFILE_PREFIX.length);

  const interfacesVar = get('INTERFACESOPTS');
  let interfaces = base.interfaces;
  if (interfacesVar === undefined) {
    asked(d, 'INTERFACESOPTS', 'setup-interfaces', 'sets up the first card (eth0) with DHCP');
  } else if (interfacesVar.value.trim() === 'none') {
    d.add(
      interfacesVar.line,
      'warning',
      "INTERFACESOPTS is none (keep the box's network configuration), which a Cairn profile cannot express: it has no network interface now. Add the box's interfaces in the wizard.",
      'INTERFACESOPTS',
    );
    interfaces = [];
  } else if (isFlattened(interfacesVar.value)) {
    const repaired = repairFlattened(interfacesVar.value);
    const fix = repaired === null ? 'Put each "auto" line, "iface" line and option on its own line.' : `Put each on its own line; Cairn read it as:\n${repaired}`;
    d.add(
      interfacesVar.line,
      'error',
      `INTERFACESOPTS is on one line: the line breaks were lost. setup-interfaces would copy it as one line and ifupdown-ng would read the words after "auto" as interface names, so no card would get an address. ${fix}`,
      'INTERFACESOPTS',
    );
    interfaces = repaired === null ? [] : parseInterfaces(repaired, interfacesVar.line, new Diagnostics());
  } else {
    interfaces = parseInterfaces(interfacesVar.value, interfacesVar.line, d);
  }

  const dnsVar = get('DNSOPTS');
  if (dnsVar === undefined && interfaces.length > 0 && interfaces.every((i) => i.ipv4.mode !== 'dhcp'))
    d.missing(
      'DNSOPTS',
      'info',
      (state) => `DNSOPTS is ${state} and no interface uses DHCP, so setup-dns would ask for DNS servers (keeping the box's current ones when nobody answers).`,
    );

  const sshd = parseSshd(get('SSHDOPTS'), d);
  const rootKeysVar = get('ROOTSSHKEY');
  let rootSshKeys = rootKeysVar === undefined ? [] : sshKeyLines(rootKeysVar.value);
  if (sshd.key !== null) {
    const line = get('SSHDOPTS')?.line ?? 0;
    d.add(
      line,
      'warning',
      `SSHDOPTS has -k; setup-sshd uses that key for root${rootKeysVar === undefined ? '' : ' instead of ROOTSSHKEY'}. Cairn kept it as the root key.`,
      'SSHDOPTS',
    );
    rootSshKeys = sshd.key === 'none' ? [] : [sshd.key];
  }

  const diskEnv: Partial<Record<DiskEnvironmentName, Assignment>> = {};
  for (const n of DISK_ENVIRONMENT) {
    const a = get(n);
    if (a !== undefined) diskEnv[n] = a;
  }
  const disk = parseDisk(get('DISKOPTS'), diskEnv, d);
  // setup-alpine skips setup-lbu and setup-apkcache after a sys install.
  // setup-lbu offers a mounted medium (the USB stick or SD card the box booted from), so unattended it
  // depends on the box; on one booted from CD it saves nowhere, which is what this profile says.
  const unsetLbu =
    disk.mode === 'sys'
      ? null
      : {
          does: 'takes a mounted medium if the box has one (the stick or card it booted from), else none',
          value: null,
          dependsOnBox: 'This profile saves nowhere: choose the medium in the Diskless step if the box has one.',
        };
  const lbuMedia = parseNoneable('LBUOPTS', get('LBUOPTS'), 'setup-lbu', 'hq', d, unsetLbu);
  // setup-apkcache suggests a folder on the LBU medium, else /var/cache/apk.
  const suggestedCache = lbuMedia === null ? '/var/cache/apk' : /^[A-Za-z0-9_-]+$/.test(lbuMedia) ? `/media/${lbuMedia}/cache` : null;
  const unsetCache =
    disk.mode === 'sys'
      ? null
      : suggestedCache === null
        ? { does: 'takes a folder on the LBU medium that Cairn cannot name; choose it in the wizard', value: null }
        : { does: `caches packages in ${suggestedCache}`, value: suggestedCache };

  const profile: Profile = {
    schemaVersion: PROFILE_SCHEMA_VERSION,
    name,
    keymap: parseKeymap(get('KEYMAPOPTS'), d),
    hostname: parseHostname(get('HOSTNAMEOPTS'), d),
    devd: parseDevd(get('DEVDOPTS'), d),
    interfaces,
    wifiConfigFile: emptyToNull(get('WIFIOPTS')?.value),
    dns: parseDns(dnsVar, d),
    ...parseTimezone(get('TIMEZONEOPTS'), d),
    proxy: parseNoneable('PROXYOPTS', get('PROXYOPTS'), 'setup-proxy', 'hp:q', d, { does: 'sets no proxy', value: null }),
    ntp: parseNtp(get('NTPOPTS'), d),
    apkRepos: parseApkRepos(get('APKREPOSOPTS'), get('APKREPO_DEFAULT_ANSWER'), d),
    user: parseUser({ opts: get('USEROPTS'), keys: get('USERSSHKEY'), fullName: get('CAIRN_USER_FULLNAME') }, d),
    rootSshKeys,
    rootPasswordHash: null,
    sshd: sshd.sshd,
    disk,
    diskless: {
      lbuMedia,
      apkCacheDir: parseNoneable('APKCACHEOPTS', get('APKCACHEOPTS'), 'setup-apkcache', 'h', d, unsetCache),
    },
    packages: parsePackages(get('CAIRN_PACKAGES')),
    services: parseServices(get('CAIRN_SERVICES'), d),
    ipForwarding: parseSwitch(get('CAIRN_IP_FORWARDING'), d),
  };
  // Errors first (what must be fixed), then warnings and notes, each by line.
  d.list.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.line - b.line);
  return { profile, diagnostics: d.list };
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

const emptyToNull = (s: string | undefined): string | null => (s === undefined || s === '' ? null : s);
