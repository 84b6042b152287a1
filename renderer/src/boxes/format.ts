import type { BoxFacts } from '../../../shared/boxes/facts';
import { formatKib } from '../components/format-size';

// How the overview cards say the facts in words. Pure, so each rule has a test.

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "3 days 4 h", "5 h 12 min", "12 min", "40 s". */
export function formatUptime(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  if (days > 0) return hours > 0 ? `${plural(days, 'day')} ${hours} h` : plural(days, 'day');
  if (hours > 0) return `${hours} h ${minutes} min`;
  if (minutes > 0) return `${minutes} min`;
  return `${s} s`;
}

/** Sizes as df and free count them (KiB), in the largest unit that keeps a number ≥ 1. */
export { formatKib };

export function formatMemory(memory: BoxFacts['memory']): string {
  if (memory === null) return 'Unknown';
  const used = memory.totalKib - memory.availableKib;
  return `${formatKib(used)} of ${formatKib(memory.totalKib)} in use`;
}

export function formatLoad(load: BoxFacts['load']): string {
  return load === null ? 'Unknown' : [load.one, load.five, load.fifteen].map((n) => n.toFixed(2)).join(', ');
}

/** The root filesystem's use: what fills up first on a small box. */
export function formatDisk(filesystems: BoxFacts['filesystems']): string {
  const root = filesystems.find((f) => f.mountpoint === '/') ?? [...filesystems].sort((a, b) => b.sizeKib - a.sizeKib)[0];
  if (root === undefined) return 'Unknown';
  return `${root.usedPercent}% of ${formatKib(root.sizeKib)} used on ${root.mountpoint}`;
}

export const STORAGE_WORDS: Record<BoxFacts['storage'], string> = {
  installed: 'Installed on disk',
  diskless: 'Diskless (runs from RAM)',
  data: 'Data disk (system runs from RAM)',
  unknown: 'Unknown (no /proc/mounts to tell)',
};

/** True when a reboot would lose work: the box may run from RAM and lbu has changes to save. */
export const losesChangesOnReboot = (facts: BoxFacts): boolean => facts.storage !== 'installed' && (facts.lbu.uncommitted ?? 0) > 0;

export function formatLbu(lbu: BoxFacts['lbu']): string {
  if (lbu.uncommitted === null) return lbu.problem ?? 'Unknown';
  return lbu.uncommitted === 0 ? 'None' : `${plural(lbu.uncommitted, 'change')} not saved`;
}

export function formatUpgrades(upgrades: BoxFacts['upgrades']): string {
  if (upgrades.indexesMissing) return 'Not checked yet (no package index on the box)';
  return upgrades.count === 0 ? 'Up to date' : `${plural(upgrades.count, 'package')} to upgrade`;
}

/** "just now", "5 s ago", "3 min ago", or the time of day for older reads. */
export function formatAge(iso: string, now: Date = new Date()): string {
  const then = new Date(iso);
  const seconds = Math.round((now.getTime() - then.getTime()) / 1000);
  if (seconds < 5) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  return `at ${then.toLocaleTimeString()}`;
}
