import { isPackageName } from '../profile/package-name';
import { op } from '../shell';
import { isServiceName } from './rc-status';
import { marker, type Parts } from './sections';

export type ServiceAction = 'start' | 'stop' | 'restart';
export type RunlevelAction = 'add' | 'del';

/** A request Cairn refuses before sending anything, with the field at fault and what to do. */
export interface InputProblem {
  field: string;
  message: string;
}

export const isRunlevelName = (s: string): boolean => /^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(s) && s.length <= 64;

/** A media name under /media (`usb`, `mmcblk0p1`), as lbu commit and list-backup take it. */
export const isMediaName = (s: string): boolean => /^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(s) && s.length <= 64;

export function checkServiceName(name: string, field = 'name'): InputProblem | null {
  return isServiceName(name) ? null : { field, message: `"${name}" is not a service name; use the name of a file in /etc/init.d, like nginx or sshd.` };
}

export function checkRunlevel(runlevel: string, field = 'runlevel'): InputProblem | null {
  return isRunlevelName(runlevel) ? null : { field, message: `"${runlevel}" is not a runlevel; use one like default, boot or sysinit.` };
}

/** Every name must be a package name; the first one that is not is named, and nothing runs. */
export function checkPackageNames(names: readonly string[], field = 'packages'): InputProblem | null {
  if (names.length === 0) return { field, message: 'Name at least one package, like htop.' };
  const bad = names.findIndex((n) => !isPackageName(n));
  if (bad === -1) return null;
  return {
    field: `${field}.${bad}`,
    message: `"${names[bad]}" is not a package name; names are letters, digits, "+", ".", "_" and "-", like htop or py3-yaml. Nothing was changed.`,
  };
}

export function checkMedia(media: string | undefined, field = 'media'): InputProblem | null {
  if (media === undefined || isMediaName(media)) return null;
  return { field, message: `"${media}" is not a media name; use the name of a folder in /media, like usb.` };
}

export const serviceActionCommand = (name: string, action: ServiceAction): Parts => ['rc-service', name, action];

export const runlevelActionCommand = (name: string, runlevel: string, action: RunlevelAction): Parts => ['rc-update', action, name, runlevel];

/** rc-status for every runlevel, then the scripts in /etc/init.d (services in no runlevel are there only). */
export const LIST_SERVICES: Parts = [
  ...marker('rc-status'),
  op(';'),
  'rc-status',
  '-a',
  op('&&'),
  ...marker('init-d'),
  op('&&'),
  'ls',
  '-1',
  '/etc/init.d',
  op('&&'),
  ...marker('end'),
];

/** The world file (what was asked for), then every installed package with its version. */
export const LIST_PACKAGES: Parts = [
  ...marker('world'),
  op(';'),
  'cat',
  '/etc/apk/world',
  op('2>'),
  '/dev/null',
  op(';'),
  ...marker('installed'),
  op(';'),
  'apk',
  'info',
  '-v',
  op('&&'),
  ...marker('end'),
];

export const listUpgradableCommand = (refresh: boolean): Parts => [...(refresh ? ['apk', 'update', '--quiet', op('&&')] : []), 'apk', 'version', '-l', '<'];

export const addPackagesCommand = (names: readonly string[]): Parts => ['apk', 'add', '--no-progress', ...names];
export const removePackagesCommand = (names: readonly string[]): Parts => ['apk', 'del', '--no-progress', ...names];
/** -U downloads fresh indexes first: upgrading from stale ones installs nothing new. */
export const UPGRADE_ALL: Parts = ['apk', '-U', '--no-progress', 'upgrade'];

export const LBU_STATUS: Parts = ['lbu', 'status'];
export const LBU_DIFF: Parts = ['lbu', 'diff'];
export const lbuCommitCommand = (media?: string): Parts => ['lbu', 'commit', ...(media === undefined ? [] : [media])];
export const lbuListBackupCommand = (media?: string): Parts => ['lbu', 'list-backup', ...(media === undefined ? [] : [media])];

export const REBOOT: Parts = ['reboot'];
export const POWEROFF: Parts = ['poweroff'];
export const BOOT_ID: Parts = ['cat', '/proc/sys/kernel/random/boot_id', op('2>'), '/dev/null'];
