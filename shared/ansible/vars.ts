import { apkReposOptions } from '../answerfile/apkrepos';
import { diskEnvironment, diskOptions } from '../answerfile/disk-options';
import { wifiPackages } from '../plan/plan';
import { FORWARDING_FILE, FORWARDING_SETTINGS } from '../plan/forwarding';
import type { Profile } from '../profile';
import { unlocks } from '../profile/unlock';
import type { Yaml } from './yaml';

export { FORWARDING_FILE, FORWARDING_SETTINGS };

/** The vault variable that carries the passphrase of the profile's `index`th interface. */
export const wifiVariable = (index: number): string => `cairn_wifi_passphrase_${index}`;
export const ROOT_HASH_VARIABLE = 'cairn_root_password_hash';
export const USER_HASH_VARIABLE = 'cairn_user_password_hash';

/** A secret the export leaves out, to be given as an ansible-vault variable. */
export interface VaultVariable {
  variable: string;
  /** What it is, for the comment that asks for it. */
  what: string;
  /** Needed by an install (an install stops without it); a managed box only uses it when set. */
  install: boolean;
}

/** The interfaces whose wifi needs a passphrase, with the variable that carries it. */
export const wifiSecrets = (p: Profile): Array<{ index: number; name: string; variable: string }> =>
  p.interfaces.flatMap((i, index) => (i.wifi !== null && i.wifi.passphrase !== '' ? [{ index, name: i.name, variable: wifiVariable(index) }] : []));

export function vaultVariables(p: Profile): VaultVariable[] {
  return [
    ...wifiSecrets(p).map((w) => ({ variable: w.variable, what: `the wifi passphrase of ${w.name}`, install: true })),
    ...(p.rootPasswordHash === null ? [] : [{ variable: ROOT_HASH_VARIABLE, what: "root's password hash (crypt, $6$… or $y$…)", install: true }]),
    ...(p.user === null || p.user.passwordHash === null
      ? []
      : [{ variable: USER_HASH_VARIABLE, what: `the password hash of ${p.user.name} (crypt, $6$… or $y$…)`, install: true }]),
  ];
}

/**
 * The repository lines a managed box must have: the profile's own URLs and
 * the community sibling of each …/main (what setup-apkrepos -c adds). Mirror
 * modes pick their URL on the box at install, so they name none here.
 */
export function repositories(p: Profile): string[] {
  if (p.apkRepos.mode !== 'urls') return [];
  return apkReposOptions(p.apkRepos)
    .value.split(' ')
    .filter((w) => w !== '' && w !== '-c');
}

/** What setup-lbu writes as LBU_MEDIA for a medium: without a trailing / or the /media/ in front. */
export const lbuMediaName = (media: string): string => media.replace(/\/+$/, '').replace(/^\/media\//, '');

/**
 * The values site.yml reads for one box, all from its profile. Every box has
 * every key (null or empty when it does not apply), so the tasks' conditions
 * never meet an undefined variable. Strings stay plain JS strings: the YAML
 * writer marks them !unsafe.
 */
export function boxVars(p: Profile): Record<string, Yaml> {
  const u = p.user;
  const diskless = p.disk.mode !== 'sys';
  const lbuMedia = diskless ? p.diskless.lbuMedia : null;
  return {
    cairn_hostname: p.hostname,
    cairn_timezone: p.timezone,
    cairn_timezone_options: p.timezone === null ? [] : p.timezoneMode === 'link' ? ['-i'] : p.timezoneMode === 'copy-keep' ? ['-k'] : [],
    cairn_repositories: repositories(p),
    cairn_packages: [...new Set([...p.packages, ...wifiPackages(p)])],
    cairn_services: p.services.map((s) => ({ name: s.name, runlevel: s.runlevel })),
    cairn_ip_forwarding: p.ipForwarding,
    cairn_root_ssh_keys: p.rootSshKeys.map((k) => k.trim()),
    cairn_user: u === null ? null : { name: u.name, full_name: u.fullName, groups: [...u.groups], admin: u.admin, unlock: unlocks(u), ssh_keys: u.sshKeys.map((k) => k.trim()) },
    cairn_lbu_media: lbuMedia,
    cairn_lbu_media_name: lbuMedia === null ? null : lbuMediaName(lbuMedia),
    cairn_apk_cache: diskless ? p.diskless.apkCacheDir : null,
    cairn_erase_disks: p.disk.mode === 'none' ? [] : [...p.disk.disks],
    cairn_disk_options: p.disk.mode === 'none' ? [] : diskOptions(p),
    cairn_disk_environment: Object.fromEntries(diskEnvironment(p)),
    // setup-disk asks for the LUKS passphrase on the console, which a playbook cannot answer.
    cairn_disk_encrypted: p.disk.mode !== 'none' && p.disk.encrypt,
    cairn_wifi: wifiSecrets(p).map((w) => ({ interface: w.name, variable: w.variable, index: w.index })),
    cairn_vault_variables: vaultVariables(p).map((v) => v.variable),
  };
}
