import type { Profile } from '../profile';
import { quote } from '../shell';
import { apkReposOptions } from './apkrepos';
import { diskEnvironment, diskOptions } from './disk-options';
import { renderInterfaces } from './interfaces-render';
import { wifiConfigPath } from './wifi-config';
import { fullNameTravels, userOptions } from './user-options';

export interface RenderOptions {
  /**
   * Leave the disk to the plan (DISKOPTS=none, no setup-disk environment):
   * setup-disk copies the running system, so it runs after Cairn's own steps.
   */
  holdBackDisk?: boolean;
  /** Name each card's wifi file (wifi-config.ts) instead of writing its passphrase into the interfaces: a pushed install writes those files 0600. */
  wifiInFiles?: boolean;
}

export const HEADER = '# setup-alpine answer file written by Cairn';
export const PROFILE_PREFIX = '# Profile: ';

// A comment ends at a newline, after which the shell would run the rest: the
// profile name is one line by validation, and any control character left in
// an invalid profile is replaced rather than written.
// eslint-disable-next-line no-control-regex -- control characters are what is replaced
const commentText = (s: string) => s.replace(/[\u0000-\u001f\u007f]/g, '\uFFFD');

/** NUL cannot exist in a shell word (quote refuses it); an invalid profile's NUL shows as U+FFFD instead. */
const value = (s: string) => quote(s.replaceAll('\0', '\uFFFD'));

const CAIRN_SECTION = [
  '# Cairn extensions. setup-alpine ignores these variables; Cairn applies',
  "# them itself after setup-alpine: the user's full name (which cannot travel",
  '# in USEROPTS), extra packages, services as RUNLEVEL:SERVICE, and IP',
  '# forwarding between interfaces (1 = on).',
];

function dnsOptions(dns: Profile['dns']): string {
  return [...(dns.searchDomain === '' ? [] : ['-d', dns.searchDomain]), ...dns.servers].join(' ');
}

/**
 * A complete setup-alpine answer file for the profile: LF line endings,
 * setup-alpine's variable order, every value through `quote`. Password
 * hashes are never written (the plan sets them with `chpasswd -e`).
 */
export function render(profile: Profile, options: RenderOptions = {}): string {
  const p = profile;
  const out: string[] = [HEADER, `${PROFILE_PREFIX}${commentText(p.name)}`, ''];
  const set = (name: string, v: string) => out.push(`${name}=${value(v)}`);
  const exportVar = (name: string, v: string) => out.push(`export ${name}=${value(v)}`);

  set('KEYMAPOPTS', p.keymap === null ? 'none' : `${p.keymap.layout} ${p.keymap.variant}`);
  set('HOSTNAMEOPTS', p.hostname);
  set('DEVDOPTS', p.devd);
  set('INTERFACESOPTS', renderInterfaces(p.interfaces, options.wifiInFiles === true ? { wifiConfigPath } : {}));
  if (p.wifiConfigFile !== null) set('WIFIOPTS', p.wifiConfigFile);
  // setup-dns has no "none": without DNSOPTS it keeps the box's resolv.conf
  // (it asks, and takes the current values when nobody answers).
  const dns = dnsOptions(p.dns);
  if (dns !== '') set('DNSOPTS', dns);
  const tzFlag = p.timezone === null ? [] : p.timezoneMode === 'link' ? ['-i'] : p.timezoneMode === 'copy-keep' ? ['-k'] : [];
  set('TIMEZONEOPTS', [...tzFlag, p.timezone ?? 'none'].join(' '));
  set('PROXYOPTS', p.proxy ?? 'none');
  const repos = apkReposOptions(p.apkRepos);
  if (repos.comment !== null) out.push(repos.comment);
  set('APKREPOSOPTS', repos.value);
  for (const [name, v] of repos.env) exportVar(name, v);
  set('USEROPTS', userOptions(p.user));
  if (p.user !== null && p.user.sshKeys.length > 0) set('USERSSHKEY', p.user.sshKeys.join('\n'));
  set('SSHDOPTS', p.sshd);
  if (p.rootSshKeys.length > 0) set('ROOTSSHKEY', p.rootSshKeys.join('\n'));
  set('NTPOPTS', p.ntp);
  if (options.holdBackDisk === true) {
    set('DISKOPTS', 'none');
  } else {
    set('DISKOPTS', diskOptions(p).join(' '));
    for (const [name, v] of diskEnvironment(p)) exportVar(name, v);
  }
  if (options.holdBackDisk === true && p.disk.mode === 'sys') {
    // The disk step comes later; a system installed to disk has no LBU.
    set('LBUOPTS', 'none');
    set('APKCACHEOPTS', 'none');
  } else {
    set('LBUOPTS', p.diskless.lbuMedia ?? 'none');
    set('APKCACHEOPTS', p.diskless.apkCacheDir ?? 'none');
  }

  const extensions: Array<[string, string]> = [];
  if (p.user !== null && !fullNameTravels(p.user.fullName)) extensions.push(['CAIRN_USER_FULLNAME', p.user.fullName]);
  if (p.packages.length > 0) extensions.push(['CAIRN_PACKAGES', p.packages.join(' ')]);
  if (p.services.length > 0) extensions.push(['CAIRN_SERVICES', p.services.map((s) => `${s.runlevel}:${s.name}`).join(' ')]);
  if (p.ipForwarding) extensions.push(['CAIRN_IP_FORWARDING', '1']);
  if (extensions.length > 0) {
    out.push('', ...CAIRN_SECTION);
    for (const [name, v] of extensions) set(name, v);
  }
  return out.join('\n') + '\n';
}
