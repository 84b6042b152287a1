import { err, ok } from '../../shared/api/result';
import {
  LIST_PACKAGES,
  UPGRADE_ALL,
  addPackagesCommand,
  apkSummary,
  checkPackageNames,
  indexesMissing,
  listUpgradableCommand,
  parseApkInfo,
  parseApkVersionUpgradable,
  parseWorld,
  removePackagesCommand,
  splitSections,
  type Upgradable,
} from '../../shared/boxes';
import type { SshConnection } from '../ssh/connect';
import type { BoxResult } from './errors';
import { labelOf, type BoxCallOptions } from './options';
import { invalid, runOnBox } from './run-on-box';

export interface InstalledPackage {
  name: string;
  version: string;
  /** Asked for by name (in /etc/apk/world), rather than pulled in by another package. */
  inWorld: boolean;
}

export interface UpgradesList {
  packages: Upgradable[];
  /** No index was ever downloaded: an empty list says nothing; check for updates with refresh. */
  indexesMissing: boolean;
}

export interface ApkChange {
  names: string[];
  /** apk's closing "OK: ..." line. */
  summary: string | null;
}

/** Long installs go quiet while they download; a quarter of an hour of silence is a hang. */
const APK_IDLE_MS = 15 * 60_000;

/** However it keeps printing, an apk change is stopped after this long (a whole upgrade over a slow mirror fits). */
export const APK_TOTAL_MS = 2 * 60 * 60_000;

/** An apk change's limits; `timeoutMs` shortens the overall one. */
export type ApkOptions = BoxCallOptions & { timeoutMs?: number };

export async function listPackages(conn: SshConnection, options: BoxCallOptions = {}): Promise<BoxResult<InstalledPackage[]>> {
  const { onOutput: _quiet, ...rest } = options;
  const ran = await runOnBox(conn, LIST_PACKAGES, 'apk info -v', { ...rest, timeoutMs: 60_000 });
  if (!ran.ok) return ran;
  const sections = splitSections(ran.value.stdout);
  if (sections === null) return err({ code: 'unexpected-output', message: `${labelOf(conn, options)} did not finish listing its packages: try again.` });
  const world = new Set(parseWorld((sections.get('world') ?? []).join('\n')));
  return ok(parseApkInfo((sections.get('installed') ?? []).join('\n')).map((p) => ({ ...p, inWorld: world.has(p.name) })));
}

/** Packages with a newer version; `refresh` downloads the indexes first (apk update, needs the network). */
export async function listUpgradable(conn: SshConnection, options: BoxCallOptions & { refresh?: boolean } = {}): Promise<BoxResult<UpgradesList>> {
  const { onOutput: _quiet, refresh = false, ...rest } = options;
  const ran = await runOnBox(conn, listUpgradableCommand(refresh), refresh ? 'apk update' : "apk version -l '<'", { ...rest, timeoutMs: 5 * 60_000 });
  if (!ran.ok) return ran;
  return ok({ packages: parseApkVersionUpgradable(ran.value.stdout), indexesMissing: indexesMissing(ran.value.stderr) });
}

/** apk add; every name is checked first and nothing runs when one is not a package name. */
export async function addPackages(conn: SshConnection, names: readonly string[], options: ApkOptions = {}): Promise<BoxResult<ApkChange>> {
  const problem = checkPackageNames(names);
  if (problem) return invalid(problem);
  const ran = await runOnBox(conn, addPackagesCommand(names), `apk add ${names.join(' ')}`, {
    idleTimeoutMs: APK_IDLE_MS,
    ...options,
    timeoutMs: options.timeoutMs ?? APK_TOTAL_MS,
  });
  return ran.ok ? ok({ names: [...names], summary: apkSummary(ran.value.stdout) }) : ran;
}

export async function removePackages(conn: SshConnection, names: readonly string[], options: ApkOptions = {}): Promise<BoxResult<ApkChange>> {
  const problem = checkPackageNames(names);
  if (problem) return invalid(problem);
  const ran = await runOnBox(conn, removePackagesCommand(names), `apk del ${names.join(' ')}`, {
    idleTimeoutMs: APK_IDLE_MS,
    ...options,
    timeoutMs: options.timeoutMs ?? APK_TOTAL_MS,
  });
  return ran.ok ? ok({ names: [...names], summary: apkSummary(ran.value.stdout) }) : ran;
}

/** apk -U upgrade, its output streamed as it comes. */
export async function upgradeAll(conn: SshConnection, options: ApkOptions = {}): Promise<BoxResult<{ summary: string | null }>> {
  const ran = await runOnBox(conn, UPGRADE_ALL, 'apk upgrade', { idleTimeoutMs: APK_IDLE_MS, ...options, timeoutMs: options.timeoutMs ?? APK_TOTAL_MS });
  return ran.ok ? ok({ summary: apkSummary(ran.value.stdout) }) : ran;
}
